/**
 * Resolving a finding where it is shown (issue 11.5): from a conflict, the candidate accounts with
 * "Link to this account" and "Never match this account"; from any person "Exclude this person",
 * "Unlink", "Re-run this person" and, when quarantined, "Release". Each button's enabled state comes
 * from the same table the service enforces (contracts/person-actions.ts); a greyed button says why.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  Tooltip,
} from '@fluentui/react-components';
import { type ReactElement, useState } from 'react';
import { call } from '../api/client.ts';
import {
  addOverride,
  type ConnectionState,
  getMatchCandidates,
  type PersonAction,
  personActions,
  releaseQuarantine,
  syncPerson,
} from '../api/contracts.ts';
import type { Run, RunItem } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { TABLE_ROLES, usePhoneListStyles } from '../ui/phone-list.ts';
import { useTimeZone } from '../ui/time-zone.ts';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px', marginTop: '20px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  // Fluent's 64 px minimum would push a button past its column at 390 px; its words wrap instead.
  cellButtons: { display: 'flex', gap: '4px', flexWrap: 'wrap', '& .fui-Button': { minWidth: 0 } },
  // Beside four other columns a UPN may still wrap inside its own (a narrow drawer) rather than run
  // over "Enabled" and "Created"; on a phone each account is a card instead (usePhoneListStyles):
  // five columns in 351 px broke "ijke.devries@contoso.nl" in four places.
  account: { overflowWrap: 'anywhere' },
});

export interface PersonActionsConnection {
  readonly id: string;
  readonly state: ConnectionState;
}

type Pending =
  | { readonly action: 'link' | 'never-match'; readonly accountId: string; readonly label: string }
  | { readonly action: 'exclude' | 'rerun' | 'release' }
  | { readonly action: 'unlink'; readonly accountId: string; readonly label: string };

const TITLES: Readonly<Record<PersonAction, string>> = {
  link: 'Link to this account',
  'never-match': 'Never match this account',
  exclude: 'Exclude this person',
  unlink: 'Unlink',
  rerun: 'Re-run this person',
  release: 'Release from quarantine',
};

export function PersonActions(props: {
  readonly item: RunItem;
  readonly connection: PersonActionsConnection;
  /** A re-run was queued: open its run. */
  readonly onRun: (run: Run) => void;
}) {
  const styles = useStyles();
  const phone = usePhoneListStyles();
  const zone = useTimeZone();
  const { session } = useSession();
  const { item, connection } = props;
  const checks = personActions(session.role, connection.state, item);
  const candidateIds = item.action === 'conflict' ? (item.error?.accounts ?? []) : [];
  const candidates = useResource(
    () =>
      candidateIds.length === 0
        ? Promise.resolve(undefined)
        : call(getMatchCandidates, { params: { id: connection.id }, query: { ids: candidateIds.join(',') } }),
    `${connection.id}|${candidateIds.join(',')}`,
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const perform = useAction(async (p: Pending) => {
    const why = reason.trim() === '' ? {} : { reason: reason.trim() };
    const n = item.employeeNumber;
    switch (p.action) {
      case 'link':
      case 'never-match':
        await call(addOverride, {
          params: { id: connection.id },
          body: { kind: p.action, employeeNumber: n, accountId: p.accountId, ...why },
        });
        return p.action === 'link'
          ? `${item.displayName} is linked to ${p.label}. The next simulation or sync uses this account.`
          : `${p.label} is never matched to ${item.displayName}. The next simulation shows the effect.`;
      case 'unlink':
        await call(addOverride, {
          params: { id: connection.id },
          body: { kind: 'never-match', employeeNumber: n, accountId: p.accountId, ...why },
        });
        return `${item.displayName} is unlinked from ${p.label}. The next run matches or creates another account.`;
      case 'exclude':
        await call(addOverride, {
          params: { id: connection.id },
          body: { kind: 'exclude', employeeNumber: n, ...why },
        });
        return `${item.displayName} is excluded: the next runs leave them and their account alone.`;
      case 'release':
        await call(releaseQuarantine, { params: { id: connection.id }, body: { employeeNumber: n } });
        return `${item.displayName} is released from quarantine: the next sync sends them again.`;
      case 'rerun': {
        const run = await call(syncPerson, { params: { id: connection.id }, body: { employeeNumber: n } });
        props.onRun(run);
        return `A run of ${item.displayName} was queued.`;
      }
    }
  });
  const confirm = async () => {
    if (!pending) return;
    const message = await perform.run(pending);
    if (message !== undefined) {
      setPending(null);
      setReason('');
      setDone(message);
    }
  };
  const open = (p: Pending) => {
    perform.clearError();
    setDone(null);
    setReason('');
    setPending(p);
  };

  const button = (action: PersonAction, onClick: () => void, label = TITLES[action]): ReactElement => {
    const check = checks[action];
    const b = (
      <Button size="small" disabledFocusable={!check.ok} onClick={onClick} data-person-action={action}>
        {label}
      </Button>
    );
    return check.ok ? (
      b
    ) : (
      <Tooltip content={check.reason} relationship="description" key={label}>
        {b}
      </Tooltip>
    );
  };
  const accountLabel = item.account?.upn ?? item.accountId ?? '';
  const quarantined = item.error?.code === 'HRS_QUARANTINED';

  return (
    <section className={styles.section} aria-label="Resolve" data-testid="person-actions">
      <Text weight="semibold" size={400}>
        Resolve
      </Text>
      {done && (
        <MessageBar intent="success" data-testid="person-action-done">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {candidateIds.length > 0 && (
        <>
          <Text>Accounts this person could be linked to:</Text>
          <ErrorMessage error={candidates.error} onRetry={candidates.reload} />
          <Table
            {...TABLE_ROLES.table}
            size="small"
            aria-label="Candidate accounts"
            data-testid="candidate-accounts"
            className={phone.table}
          >
            <TableHeader {...TABLE_ROLES.rowgroup}>
              <TableRow {...TABLE_ROLES.row}>
                <TableHeaderCell {...TABLE_ROLES.header}>Account</TableHeaderCell>
                <TableHeaderCell {...TABLE_ROLES.header}>Enabled</TableHeaderCell>
                <TableHeaderCell {...TABLE_ROLES.header}>Created</TableHeaderCell>
                <TableHeaderCell {...TABLE_ROLES.header}>Employee ID</TableHeaderCell>
                <TableHeaderCell {...TABLE_ROLES.header}>
                  <span className="visually-hidden">Actions</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody {...TABLE_ROLES.rowgroup}>
              {(candidates.data?.accounts ?? []).map((a) => {
                const label = a.upn ?? a.id;
                return (
                  <TableRow {...TABLE_ROLES.row} key={a.id} data-account={a.id}>
                    <TableCell {...TABLE_ROLES.cell} data-label="Account">
                      {/* One box: a phone's card lays a cell's children out in a row. */}
                      <div className={styles.account}>
                        {label}
                        {a.displayName ? (
                          <>
                            <br />
                            <Text size={200}>{a.displayName}</Text>
                          </>
                        ) : null}
                        {a.linkedTo ? (
                          <>
                            <br />
                            <Text size={200}>Linked to employee {a.linkedTo}</Text>
                          </>
                        ) : null}
                      </div>
                    </TableCell>
                    <TableCell {...TABLE_ROLES.cell} data-label="Enabled">
                      {a.enabled === null ? '—' : a.enabled ? 'Yes' : 'No'}
                    </TableCell>
                    <TableCell {...TABLE_ROLES.cell} data-label="Created">
                      {formatDateTime(a.createdAt, '—', zone)}
                    </TableCell>
                    <TableCell {...TABLE_ROLES.cell} data-label="Employee ID">
                      {a.employeeId ?? '—'}
                    </TableCell>
                    <TableCell {...TABLE_ROLES.cell}>
                      <div className={styles.cellButtons}>
                        {button('link', () => open({ action: 'link', accountId: a.id, label }))}
                        {button('never-match', () => open({ action: 'never-match', accountId: a.id, label }))}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {candidates.data && candidates.data.missing.length > 0 && (
            <Text size={200}>
              {candidates.data.missing.length} of the accounts are no longer in the tenant as last read.
            </Text>
          )}
        </>
      )}
      <div className={styles.buttons}>
        {button('exclude', () => open({ action: 'exclude' }))}
        {button('unlink', () =>
          open({ action: 'unlink', accountId: item.accountId ?? '', label: accountLabel }),
        )}
        {button('rerun', () => open({ action: 'rerun' }))}
        {quarantined && button('release', () => open({ action: 'release' }))}
      </div>
      {pending && (
        <ConfirmDialog
          open
          title={TITLES[pending.action]}
          confirmLabel={TITLES[pending.action]}
          busy={perform.busy}
          error={perform.error}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
          changed={reason.trim() !== ''}
        >
          <Text as="p">{explain(pending, item.displayName)}</Text>
          {pending.action !== 'rerun' && pending.action !== 'release' && (
            <Field label="Reason (optional, kept with the override)">
              <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
            </Field>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}

function explain(p: Pending, name: string): string {
  switch (p.action) {
    case 'link':
      return `${name} will be matched to ${p.label}, whatever the matching attributes say. Listed on the connection page, where it can be removed.`;
    case 'never-match':
      return `${p.label} will never be matched to ${name}. If one candidate remains, it becomes the match.`;
    case 'unlink':
      return `hrsync stops managing ${p.label} for ${name} and will not match it to them again; the next run matches another account or creates one.`;
    case 'exclude':
      return `${name} will be left alone by every run (no account created, changed or disabled) until the override is removed.`;
    case 'rerun':
      return `Reads ${name} from AFAS now and writes what their run shows to the tenant, also when they are quarantined.`;
    case 'release':
      return `${name} will be sent again by the next sync.`;
  }
}
