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
    connectionName: fields.connectionName ?? null,
    tenantId: fields.tenantId ?? null,
    runId: fields.runId ?? null,
    person: fields.person ?? null,
    message: fields.message,
    details: maskSecrets(fields.details ?? {}) as Record<string, unknown>,
  };
  await store.audit.append(event);
}
