/**
 * A hybrid tenant's directory agents, on its card of the tenant page: whether runs reach the domain
 * controllers through agents, each agent's host, version, connection and controllers (refreshed every
 * few seconds, times relative), registering a new one (the key is shown once) and revoking one.
 * What is enabled follows the endpoints' declared access, the table the service itself enforces.
 */
import { Badge, Button, makeStyles, Switch, Text, Tooltip, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { Static } from '@sinclair/typebox';
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import {
  type AgentDto,
  agentStatusWords,
  createAgentRegistration,
  listAgents,
  revokeAgent,
  setTenantDirectoryAccess,
} from '../api/contracts.ts';
import type { Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CreatedBy } from '../ui/CreatedBy.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { RegisterAgentDialog } from './RegisterAgentDialog.tsx';

export type Agent = Static<typeof AgentDto>;

const REFRESH_MS = 5_000;

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    paddingTop: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

type StatusBadge = {
  readonly label: string;
  readonly colour: 'success' | 'danger' | 'warning' | 'informative';
};

/** The words are the CLI's too (src/contracts/words.ts); the colours are the console's. */
function statusOf(a: Agent): StatusBadge {
  const label = agentStatusWords(a.status, a.connected);
  if (a.status === 'revoked') return { label, colour: 'danger' };
  if (a.status === 'awaiting-registration') return { label, colour: 'informative' };
  if (a.status === 'key-expired') return { label, colour: 'warning' };
  return { label, colour: a.connected ? 'success' : 'warning' };
}

function Controllers(props: { readonly agent: Agent }) {
  const c = props.agent.controllers;
  if (props.agent.status !== 'registered') return <>—</>;
  if (c === null) return <>Not checked yet</>;
  return (
    <Tooltip content={`${c.message} (checked ${formatDateTime(c.checkedAt)})`} relationship="description">
      <Badge appearance="tint" color={c.ok ? 'success' : 'danger'}>
        {c.ok ? 'Answering' : 'Not answering'}
      </Badge>
    </Tooltip>
  );
}

/** A relative time with the exact one on hover. */
function When(props: { readonly iso: string | null; readonly now: number; readonly never?: string }) {
  if (!props.iso) return <>{props.never ?? '—'}</>;
  return (
    <time dateTime={props.iso} title={formatDateTime(props.iso)}>
      {formatRelative(props.iso, props.now)}
    </time>
  );
}

export function AgentsPanel(props: {
  readonly tenant: Tenant;
  /** Called after the panel changed the tenant (reach via agents), so the page's copy is current. */
  readonly onTenantChanged?: () => void;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const { tenant } = props;
  const agents = useResource(() => call(listAgents, { params: { id: tenant.id } }), `agents-${tenant.id}`);
  const [viaAgents, setViaAgents] = useState(tenant.directoryViaAgents);
  const [passwordStored, setPasswordStored] = useState(tenant.directory?.bindPassword != null);
  const [now, setNow] = useState(() => Date.now());
  const [registering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState<Agent | undefined>(undefined);
  const [confirmingAccess, setConfirmingAccess] = useState(false);
  const { reload } = agents;

  useEffect(() => {
    setViaAgents(tenant.directoryViaAgents);
    setPasswordStored(tenant.directory?.bindPassword != null);
  }, [tenant.directoryViaAgents, tenant.directory]);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const access = useAction(async (on: boolean) => {
    const updated = await call(setTenantDirectoryAccess, {
      params: { id: tenant.id },
      body: { viaAgents: on },
    });
    setViaAgents(updated.directoryViaAgents);
    setPasswordStored(updated.directory?.bindPassword != null);
    setConfirmingAccess(false);
    props.onTenantChanged?.();
    return updated;
  });

  const columns: readonly Column<Agent>[] = [
    { header: 'Name', cell: (a) => a.name },
    {
      header: 'Status',
      // Room for "Waiting for registration" on one line: a badge does not wrap, it ran over the next
      // columns. On a laptop the version and connection time give way for it.
      width: 190,
      cell: (a) => {
        const s = statusOf(a);
        return (
          <Badge appearance="tint" color={s.colour}>
            {s.label}
          </Badge>
        );
      },
    },
    { header: 'Host', cell: (a) => a.host ?? '—' },
    { header: 'Version', secondary: true, cell: (a) => a.version ?? '—' },
    {
      header: 'Connected since',
      secondary: true,
      cell: (a) => <When iso={a.connected ? a.connectedSince : null} now={now} />,
    },
    { header: 'Last heard from', cell: (a) => <When iso={a.lastSeenAt} now={now} never="Never" /> },
    { header: 'Domain controllers', cell: (a) => <Controllers agent={a} /> },
    {
      header: 'Registered',
      cell: (a) => <CreatedBy at={a.createdAt} name={a.createdByName} raw={a.createdBy} />,
    },
    {
      header: 'Actions',
      cell: (a) =>
        a.status !== 'revoked' && can(revokeAgent) ? (
          <Button size="small" onClick={() => setRevoking(a)}>
            Revoke
          </Button>
        ) : null,
    },
  ];
  const items = agents.data?.items ?? [];
  const live = items.filter((a) => a.status !== 'revoked');

  return (
    <section
      className={styles.panel}
      data-testid="agents-panel"
      aria-label={`Directory agents of ${tenant.name}`}
    >
      <div className={styles.head}>
        <Text weight="semibold">Directory agents</Text>
        {can(createAgentRegistration) && (
          <Button size="small" icon={<AddRegular />} onClick={() => setRegistering(true)}>
            Register an agent
          </Button>
        )}
      </div>
      <Text size={200} className={styles.muted}>
        An agent runs on a machine in the customer’s network, connects out to hrsync over HTTPS (no inbound
        port) and carries out this tenant’s directory reads and writes. The bind password stays on the agent.
      </Text>
      <Switch
        label="Reach the domain controllers through agents"
        checked={viaAgents}
        disabled={!can(setTenantDirectoryAccess) || access.busy}
        onChange={(_, d) => {
          if (d.checked && passwordStored) setConfirmingAccess(true);
          else void access.run(d.checked);
        }}
      />
      {!confirmingAccess && <ErrorMessage error={access.error} />}
      {viaAgents && live.length === 0 && agents.data && (
        <Text size={200}>Runs of this tenant need a registered, connected agent. Register one below.</Text>
      )}
      {!viaAgents && live.length > 0 && (
        <Text size={200}>
          The service reaches the controllers itself: runs do not use these agents until the switch above is
          on.
        </Text>
      )}
      <ErrorMessage error={agents.error} onRetry={reload} />
      {items.length === 0 ? (
        agents.data && <Text size={200}>No agent registered yet.</Text>
      ) : (
        <DataTable
          label={`Directory agents of ${tenant.name}`}
          testId="agents-table"
          columns={columns}
          rows={items}
          rowKey={(a) => a.id}
          rowData={(a) => ({ 'data-agent': a.name })}
        />
      )}
      {registering && (
        <RegisterAgentDialog
          tenant={tenant}
          viaAgents={viaAgents}
          onClose={() => {
            setRegistering(false);
            reload();
          }}
          onCreated={reload}
        />
      )}
      {revoking && (
        <RevokeAgentDialog
          agent={revoking}
          onClose={() => setRevoking(undefined)}
          onDone={() => {
            setRevoking(undefined);
            reload();
          }}
        />
      )}
      {confirmingAccess && (
        <ConfirmDialog
          open
          title="Reach the controllers through agents"
          confirmLabel="Use agents"
          danger
          busy={access.busy}
          error={access.error}
          onCancel={() => {
            setConfirmingAccess(false);
            access.clearError();
          }}
          onConfirm={() => void access.run(true)}
        >
          The bind password stored for “{tenant.name}” is destroyed: with agents it is entered on each agent
          (hrsync agent set-bind-password) and never reaches the service.
        </ConfirmDialog>
      )}
    </section>
  );
}

function RevokeAgentDialog(props: {
  readonly agent: Agent;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const revoke = useAction(() => call(revokeAgent, { params: { id: props.agent.id } }));
  return (
    <ConfirmDialog
      open
      title="Revoke directory agent"
      confirmLabel="Revoke"
      danger
      busy={revoke.busy}
      error={revoke.error}
      onCancel={props.onClose}
      onConfirm={() => void revoke.run().then((ok) => ok && props.onDone())}
    >
      Revoke “{props.agent.name}”{props.agent.host ? ` on ${props.agent.host}` : ''}? The service refuses it
      at once, even in the middle of a run; to use that machine again, register a new agent.
    </ConfirmDialog>
  );
}
