/**
 * The organisation's users: invite a colleague by e-mail with a role (Invitations.tsx), or add one
 * with a first password to hand over; change a role, disable or enable an account (a disabled
 * user's sessions end at once).
 */
import { Badge, Button, Field, Input, makeStyles, Select } from '@fluentui/react-components';
import { AddRegular, MailAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { createUser, listUsers, ROLES, type Role, updateUser } from '../api/contracts.ts';
import type { User } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { InvitationsSection } from './Invitations.tsx';
import { ResetSecondFactorButton } from './ResetSecondFactor.tsx';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', justifyContent: 'flex-end', flexWrap: 'wrap', marginBottom: '12px' },
  actions: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
});

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  operator: 'Operator',
  viewer: 'Viewer',
};
export const ROLE_HINT =
  'Viewer reads everything; Operator also configures and runs connections; Administrator also manages customers, tenants, users and API tokens.';

type Dialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'role'; readonly user: User }
  | { readonly kind: 'disable'; readonly user: User };

export function UsersPage() {
  const styles = useStyles();
  const { session } = useSession();
  const users = useResource(() => call(listUsers, {}), 'users');
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const [inviting, setInviting] = useState(false);
  const enable = useAction((user: User) =>
    call(updateUser, { params: { id: user.id }, body: { disabled: false } }),
  );
  const done = () => {
    setDialog(undefined);
    users.reload();
  };

  const columns: readonly Column<User>[] = [
    { header: 'Name', cell: (u) => u.name },
    { header: 'E-mail address', cell: (u) => u.email },
    { header: 'Role', cell: (u) => ROLE_LABELS[u.role], width: 120 },
    {
      header: 'Status',
      cell: (u) => (
        <Badge appearance="tint" color={u.disabled ? 'danger' : 'success'}>
          {u.disabled ? 'Disabled' : 'Active'}
        </Badge>
      ),
    },
    { header: 'Second factor', cell: (u) => (u.secondFactor ? 'On' : 'Off'), secondary: true },
    { header: 'Added', cell: (u) => formatDateTime(u.createdAt), secondary: true },
    {
      header: 'Actions',
      cell: (u) =>
        u.id === session.user.id ? (
          'You'
        ) : (
          <div className={styles.actions}>
            <Button size="small" onClick={() => setDialog({ kind: 'role', user: u })}>
              Change role
            </Button>
            {u.disabled ? (
              <Button size="small" onClick={() => void enable.run(u).then((ok) => ok && users.reload())}>
                Enable
              </Button>
            ) : (
              <Button size="small" onClick={() => setDialog({ kind: 'disable', user: u })}>
                Disable
              </Button>
            )}
            {u.secondFactor && <ResetSecondFactorButton user={u} onDone={users.reload} />}
          </div>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="Users" subtitle={`Who can sign in to ${session.organisation.name}. ${ROLE_HINT}`} />
      <div className={styles.bar}>
        <Button appearance="primary" icon={<MailAddRegular />} onClick={() => setInviting(true)}>
          Invite a colleague
        </Button>
        <Button icon={<AddRegular />} onClick={() => setDialog({ kind: 'add' })}>
          Add user
        </Button>
      </div>
      <ErrorMessage error={enable.error} />
      <ListStates
        list={users}
        loadingLabel="Loading users…"
        empty={<EmptyState title="No users">Add one.</EmptyState>}
      >
        {(list) => (
          <DataTable
            label="Users"
            testId="users-table"
            columns={columns}
            rows={list.items}
            rowKey={(u) => u.id}
            rowData={(u) => ({ 'data-user': u.email })}
          />
        )}
      </ListStates>
      <InvitationsSection inviting={inviting} onInviteClosed={() => setInviting(false)} />
      {dialog?.kind === 'add' && <AddUserDialog onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog?.kind === 'role' && (
        <RoleDialog user={dialog.user} onClose={() => setDialog(undefined)} onSaved={done} />
      )}
      {dialog?.kind === 'disable' && (
        <DisableDialog user={dialog.user} onClose={() => setDialog(undefined)} onDone={done} />
      )}
    </>
  );
}

function RoleSelect(props: { readonly value: Role; readonly onChange: (role: Role) => void }) {
  return (
    <Field label="Role" hint={ROLE_HINT}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as Role)} name="role">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function AddUserDialog(props: { readonly onClose: () => void; readonly onSaved: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const save = useAction(() =>
    call(createUser, { body: { name: name.trim(), email: email.trim(), role, password } }),
  );
  const changed = useChangedSinceOpened({ name, email, role, password });
  return (
    <ActionDialog
      title="Add a user"
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Add user',
        disabled: !name.trim() || !email.trim() || password.length < 12,
        onSubmit: () => void save.run().then((saved) => saved && props.onSaved()),
      }}
    >
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} name="user-name" />
      </Field>
      <Field label="E-mail address" required>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} name="user-email" />
      </Field>
      <RoleSelect value={role} onChange={setRole} />
      <Field
        label="First password"
        required
        hint="At least 12 characters. Hand it over safely; they sign in with it."
      >
        <Input
          type="password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          name="user-password"
          autoComplete="new-password"
        />
      </Field>
      <ErrorMessage error={save.error} />
    </ActionDialog>
  );
}

function RoleDialog(props: {
  readonly user: User;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [role, setRole] = useState<Role>(props.user.role);
  const save = useAction(() => call(updateUser, { params: { id: props.user.id }, body: { role } }));
  const changed = useChangedSinceOpened({ role });
  return (
    <ActionDialog
      title={`Change the role of ${props.user.name}`}
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Save role',
        disabled: role === props.user.role,
        onSubmit: () => void save.run().then((saved) => saved && props.onSaved()),
      }}
    >
      <RoleSelect value={role} onChange={setRole} />
      <ErrorMessage error={save.error} />
    </ActionDialog>
  );
}

function DisableDialog(props: {
  readonly user: User;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const disable = useAction(() =>
    call(updateUser, { params: { id: props.user.id }, body: { disabled: true } }),
  );
  return (
    <ConfirmDialog
      open
      title="Disable user"
      confirmLabel="Disable"
      danger
      busy={disable.busy}
      error={disable.error}
      onCancel={props.onClose}
      onConfirm={() => void disable.run().then((ok) => ok && props.onDone())}
    >
      Disable {props.user.name} ({props.user.email})? They are signed out at once and cannot sign in until an
      administrator enables them again. Their actions stay in the audit log.
    </ConfirmDialog>
  );
}
