/**
 * Users → Invitations: invite a colleague by e-mail with a role, see who has not accepted yet, send
 * an invitation again (a new link; the old one stops working) or revoke it. Without a mail server
 * the one-time link is shown once, to copy and hand over.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Select,
  Text,
} from '@fluentui/react-components';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { call } from '../api/client.ts';
import {
  createInvitation,
  type InvitationDeliveryDto,
  type InvitationDto,
  listInvitations,
  ROLES,
  type Role,
  resendInvitation,
  revokeInvitation,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { ROLE_HINT, ROLE_LABELS } from './UsersPage.tsx';

type Invitation = Static<typeof InvitationDto>;
type Delivery = Static<typeof InvitationDeliveryDto>;

const useStyles = makeStyles({
  actions: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  section: { marginTop: '24px' },
});

type Dialog =
  | { readonly kind: 'delivered'; readonly delivery: Delivery }
  | { readonly kind: 'revoke'; readonly invitation: Invitation };

/** The pending invitations and their dialogs; the page's "Invite a colleague" button opens `inviting`. */
export function InvitationsSection(props: {
  readonly inviting: boolean;
  readonly onInviteClosed: () => void;
}) {
  const styles = useStyles();
  const invitations = useResource(() => call(listInvitations, {}), 'invitations');
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const resend = useAction((i: Invitation) => call(resendInvitation, { params: { id: i.id } }));
  const delivered = (delivery: Delivery) => {
    setDialog({ kind: 'delivered', delivery });
    invitations.reload();
  };
  const items = invitations.data?.items ?? [];

  const columns: readonly Column<Invitation>[] = [
    { header: 'Name', cell: (i) => i.name },
    { header: 'E-mail address', cell: (i) => i.email },
    { header: 'Role', cell: (i) => ROLE_LABELS[i.role] },
    {
      header: 'Status',
      cell: (i) => (
        <Badge appearance="tint" color={i.expired ? 'danger' : 'informative'}>
          {i.expired ? 'Expired' : 'Waiting'}
        </Badge>
      ),
    },
    {
      header: 'Sent',
      cell: (i) =>
        `${formatDateTime(i.sentAt)} by ${i.invitedBy}${i.sendCount > 1 ? ` (${i.sendCount} times)` : ''}`,
    },
    { header: 'Link valid until', cell: (i) => formatDateTime(i.expiresAt) },
    {
      header: 'Actions',
      cell: (i) => (
        <div className={styles.actions}>
          <Button
            size="small"
            disabled={resend.busy}
            onClick={() => void resend.run(i).then((d) => d && delivered(d))}
            aria-label={`Send again: the invitation of ${i.email}`}
          >
            Send again
          </Button>
          <Button
            size="small"
            onClick={() => setDialog({ kind: 'revoke', invitation: i })}
            aria-label={`Revoke: the invitation of ${i.email}`}
          >
            Revoke
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className={styles.section}>
        <SectionCard
          title="Invitations"
          description={
            invitations.data?.mailServer === false
              ? 'No mail server is set (Notifications): you get each invitation’s link to send yourself.'
              : 'Invitations are e-mailed. Each link works once and for 7 days.'
          }
        >
          <ErrorMessage error={invitations.error ?? resend.error} onRetry={invitations.reload} />
          {items.length === 0 ? (
            <Text>No invitations are waiting for an answer.</Text>
          ) : (
            <DataTable
              label="Invitations"
              testId="invitations-table"
              columns={columns}
              rows={items}
              rowKey={(i) => i.id}
              rowData={(i) => ({ 'data-invitation': i.email })}
            />
          )}
        </SectionCard>
      </div>
      {props.inviting && (
        <InviteDialog
          onClose={props.onInviteClosed}
          onSent={(d) => {
            props.onInviteClosed();
            delivered(d);
          }}
        />
      )}
      {dialog?.kind === 'delivered' && (
        <DeliveredDialog delivery={dialog.delivery} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          invitation={dialog.invitation}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            invitations.reload();
          }}
        />
      )}
    </>
  );
}

const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+$/;

function InviteDialog(props: { readonly onClose: () => void; readonly onSent: (d: Delivery) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const send = useAction(() =>
    call(createInvitation, { body: { name: name.trim(), email: email.trim(), role } }),
  );
  const changed = useChangedSinceOpened({ name, email, role });
  return (
    <ActionDialog
      title="Invite a colleague"
      busy={send.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Send invitation',
        disabled: !name.trim() || !EMAIL_ADDRESS.test(email.trim()),
        onSubmit: () => void send.run().then((d) => d && props.onSent(d)),
      }}
    >
      <Text>
        They get a link that works once and for 7 days, choose a password (or sign in with Microsoft when your
        organisation has it) and join with the role you pick.
      </Text>
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} name="invitation-name" />
      </Field>
      <Field
        label="E-mail address"
        required
        // Without it, "Send invitation" stays grey and nothing says why.
        validationMessage={
          email.trim() && !EMAIL_ADDRESS.test(email.trim())
            ? 'Enter an e-mail address, like name@example.com.'
            : null
        }
      >
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} name="invitation-email" />
      </Field>
      <Field label="Role" hint={ROLE_HINT}>
        <Select value={role} onChange={(_, d) => setRole(d.value as Role)} name="invitation-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorMessage error={send.error} />
    </ActionDialog>
  );
}

function DeliveredDialog(props: { readonly delivery: Delivery; readonly onClose: () => void }) {
  const { delivery } = props;
  return (
    <ActionDialog
      title={delivery.emailed ? 'Invitation sent' : 'Send this link yourself'}
      busy={false}
      onClose={props.onClose}
      cancelLabel="Close"
    >
      <MessageBar intent={delivery.emailed ? 'success' : 'warning'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{delivery.emailed ? 'E-mailed' : 'Not e-mailed'}</MessageBarTitle>
          {delivery.message}
        </MessageBarBody>
      </MessageBar>
      {delivery.link !== null && (
        <OneTimeSecret
          label={`One-time link for ${delivery.invitation.email}`}
          hint="Shown only now. It works once, until it expires."
          value={delivery.link}
          copyLabel="Copy link"
          testId="invitation-link"
        />
      )}
    </ActionDialog>
  );
}

function RevokeDialog(props: {
  readonly invitation: Invitation;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const revoke = useAction(() => call(revokeInvitation, { params: { id: props.invitation.id } }));
  return (
    <ConfirmDialog
      open
      title="Revoke invitation"
      confirmLabel="Revoke"
      danger
      busy={revoke.busy}
      error={revoke.error}
      onCancel={props.onClose}
      onConfirm={() => void revoke.run().then((ok) => ok && props.onDone())}
    >
      Revoke the invitation of {props.invitation.name} ({props.invitation.email})? Its link stops working at
      once.
    </ConfirmDialog>
  );
}
