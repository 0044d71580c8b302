/**
 * API tokens for automation (the CLI, scripts): create one with a role and an expiry — the token is
 * shown once, hrsync keeps only a hash — see when each was last used, and revoke one at once.
 */
import { Badge, Button, Field, Input, makeStyles, Select } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { createApiToken, listApiTokens, type Role, revokeApiToken } from '../api/contracts.ts';
import type { ApiToken, CreatedApiToken } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CreatedBy } from '../ui/CreatedBy.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { ROLE_LABELS } from './UsersPage.tsx';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', justifyContent: 'flex-end', marginBottom: '12px' },
});

const EXPIRY_CHOICES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 0, label: 'Never' },
] as const;

function status(t: ApiToken, now: number): { label: string; colour: 'success' | 'danger' | 'warning' } {
  if (t.revokedAt) return { label: 'Revoked', colour: 'danger' };
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return { label: 'Expired', colour: 'warning' };
  return { label: 'Active', colour: 'success' };
}

export function TokensPage() {
  const styles = useStyles();
  const tokens = useResource(() => call(listApiTokens, {}), 'tokens');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | undefined>(undefined);
  const now = Date.now();

  const columns: readonly Column<ApiToken>[] = [
    { header: 'Name', cell: (t) => t.name },
    { header: 'Role', cell: (t) => ROLE_LABELS[t.role] },
    { header: 'Starts with', cell: (t) => <code>{t.prefix}…</code> },
    {
      header: 'Status',
      cell: (t) => {
        const s = status(t, now);
        return (
          <Badge appearance="tint" color={s.colour}>
            {s.label}
          </Badge>
        );
      },
    },
    {
      header: 'Created',
      cell: (t) => <CreatedBy at={t.createdAt} name={t.createdByName} raw={t.createdBy} />,
    },
    { header: 'Expires', cell: (t) => formatDateTime(t.expiresAt, 'Never') },
    { header: 'Last used', cell: (t) => formatDateTime(t.lastUsedAt, 'Never used') },
    {
      header: 'Actions',
      cell: (t) =>
        t.revokedAt ? null : (
          <Button size="small" onClick={() => setRevoking(t)}>
            Revoke
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Tokens let scripts and the hrsync command line call the API with a role. A token is shown once, when it is created."
      />
      <div className={styles.bar}>
        <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
          Create token
        </Button>
      </div>
      <ListStates
        list={tokens}
        loadingLabel="Loading API tokens…"
        empty={<EmptyState title="No API tokens">Create one for a script or the command line.</EmptyState>}
      >
        {(list) => (
          <DataTable
            label="API tokens"
            testId="tokens-table"
            columns={columns}
            rows={list.items}
            rowKey={(t) => t.id}
            rowData={(t) => ({ 'data-token': t.name })}
          />
        )}
      </ListStates>
      {creating && (
        <CreateTokenDialog
          onClose={() => {
            setCreating(false);
            tokens.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          token={revoking}
          onClose={() => setRevoking(undefined)}
          onDone={() => {
            setRevoking(undefined);
            tokens.reload();
          }}
        />
      )}
    </>
  );
}

function CreateTokenDialog(props: { readonly onClose: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [days, setDays] = useState<number>(90);
  const [created, setCreated] = useState<CreatedApiToken | undefined>(undefined);
  const changed = useChangedSinceOpened({ name, role, days });
  const create = useAction(() =>
    call(createApiToken, {
      body: { name: name.trim(), role, ...(days > 0 ? { expiresInDays: days } : {}) },
    }),
  );
  if (created) {
    return (
      <ActionDialog title="Token created" busy={false} onClose={props.onClose} cancelLabel="Done">
        <OneTimeSecret
          warning={{
            title: 'Copy the token now',
            children: 'It is shown only this once; hrsync keeps only a hash of it.',
          }}
          label={`Token “${created.apiToken.name}”`}
          value={created.token}
          copyLabel="Copy token"
          testId="created-token"
        />
      </ActionDialog>
    );
  }
  return (
    <ActionDialog
      title="Create an API token"
      busy={create.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Create token',
        disabled: !name.trim(),
        onSubmit: () =>
          create.run().then((c) => {
            if (c) setCreated(c);
            return c;
          }),
      }}
    >
      <Field label="Name" required hint="What uses it, e.g. “nightly report script”.">
        <Input value={name} onChange={(_, d) => setName(d.value)} name="token-name" />
      </Field>
      <Field label="Role" hint="A token cannot have more rights than you.">
        <Select value={role} onChange={(_, d) => setRole(d.value as Role)} name="token-role">
          {(['viewer', 'operator', 'admin'] as const).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Expires after">
        <Select value={String(days)} onChange={(_, d) => setDays(Number(d.value))} name="token-expiry">
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.days} value={c.days}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorMessage error={create.error} />
    </ActionDialog>
  );
}

function RevokeDialog(props: {
  readonly token: ApiToken;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const revoke = useAction(() => call(revokeApiToken, { params: { id: props.token.id } }));
  return (
    <ConfirmDialog
      open
      title="Revoke API token"
      confirmLabel="Revoke"
      danger
      busy={revoke.busy}
      error={revoke.error}
      onCancel={props.onClose}
      onConfirm={() => void revoke.run().then((ok) => ok && props.onDone())}
    >
      Revoke “{props.token.name}”? Anything that uses it stops working at once.
    </ConfirmDialog>
  );
}
