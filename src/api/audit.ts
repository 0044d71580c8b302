import type { Actor, NewAuditEvent, Outcome, Store } from '../store/index.ts';
import type { Caller } from './auth/caller.ts';

/** What a route says about an audit event; who and which organisation come from the caller. */
export interface AuditFields {
  readonly outcome?: Outcome;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly connectionId?: string | null;
  readonly connectionName?: string | null;
  readonly tenantId?: string | null;
  readonly runId?: string | null;
  readonly person?: string | null;
  /** Only for sign-in, where there is no caller yet. */
  readonly organisationId?: string;
  readonly actor?: Actor;
}

/** What the request is about, so a refused operation is audited against it too. */
export interface Subject {
  readonly connectionId?: string;
  readonly connectionName?: string;
  readonly tenantId?: string | null;
  readonly runId?: string;
}

const SECRET_KEYS = new Set(['token', 'password', 'clientSecret', 'privateKey', 'certificate', 'secret']);

/**
 * Belt and braces for invariant 6: whatever a route puts in `details`, a field named like a secret
 * is recorded as `{ set: true }`, never as its value.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      SECRET_KEYS.has(k) && typeof v === 'string' ? [k, { set: true }] : [k, maskSecrets(v)],
    ),
  );
}

/**
 * The connection's name at the time, for an event that names only its id (a run's decisions, a
 * refused request): the audit log says "the connection “Contoso HR”", and keeps saying it after a
 * rename or delete.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function connectionNameOf(
  store: Store,
  organisationId: string,
  connectionId: string | null | undefined,
): Promise<string | null> {
  // Only a well-formed id is looked up: a refused request's junk id must not fail a query (on
  // PostgreSQL that would abort the transaction the event is written in).
  if (!connectionId || !UUID.test(connectionId)) return null;
  return (await store.connections.get(organisationId, connectionId))?.name ?? null;
}

export async function recordAudit(
  store: Store,
  caller: Caller | null,
  action: string,
  fields: AuditFields,
): Promise<void> {
  const organisationId = fields.organisationId ?? caller?.organisationId;
  const actor = fields.actor ?? caller?.actor;
  if (organisationId === undefined || actor === undefined) return;
  const event: NewAuditEvent = {
    organisationId,
    actor,
    action,
    outcome: fields.outcome ?? 'success',
    connectionId: fields.connectionId ?? null,
    connectionName:
      fields.connectionName ?? (await connectionNameOf(store, organisationId, fields.connectionId)),
    tenantId: fields.tenantId ?? null,
    runId: fields.runId ?? null,
    person: fields.person ?? null,
    message: fields.message,
    details: maskSecrets(fields.details ?? {}) as Record<string, unknown>,
  };
  await store.audit.append(event);
}
