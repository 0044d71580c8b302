/**
 * What one answer inside a `$batch` (or to the whole batch) means for one write. Pure.
 */
import type { Attributes, PlannedWrite } from '../../core/index.ts';
import type { WriteOutcome } from '../../engine/ports.ts';
import { describeGraphError, isObject, isThrottled, isUncertain, parseGraphError } from './graph-errors.ts';
import type { GraphRequest } from './graph-requests.ts';

export interface JobView {
  readonly write: PlannedWrite;
  readonly request: GraphRequest;
  readonly applied: Attributes | undefined;
}

export type Verdict =
  | { readonly kind: 'done'; readonly outcome: WriteOutcome }
  | {
      readonly kind: 'retry';
      readonly afterMs: number | undefined;
      readonly reason: string;
      /** A 429: the whole client should slow down, not just this write. */
      readonly throttled: boolean;
    };

/** Application permissions that let an app write users (and, for employeeLeaveDateTime, lifecycle data). */
const WRITE_USERS = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const WRITE_LIFECYCLE = 'User-LifeCycleInfo.ReadWrite.All';

/**
 * A 403 to a write on one existing account while the app's token grants writing users: the refusal is
 * about that account, not the app — it holds a privileged administrator role, whose accountEnabled,
 * phone numbers and other e-mail addresses (and deletion) only a higher administrator may change.
 * Graph's answer is the same as for a missing permission, so only the token tells the two apart.
 */
function refusedForTheAccount(job: JobView, appRoles: ReadonlySet<string>): boolean {
  const kind = job.write.kind;
  if (kind !== 'update' && kind !== 'enable' && kind !== 'disable' && kind !== 'delete') return false;
  if (!WRITE_USERS.some((r) => appRoles.has(r))) return false;
  return (
    !(job.request.body !== undefined && 'employeeLeaveDateTime' in job.request.body) ||
    appRoles.has(WRITE_LIFECYCLE)
  );
}

export function answerVerdict(
  job: JobView,
  status: number,
  body: unknown,
  retryAfter: number | undefined,
  appRoles: ReadonlySet<string> = new Set(),
): Verdict {
  if (status >= 200 && status < 300) return succeeded(job, body);
  if (status === 404 && job.request.notFoundIsDone) return succeeded(job, body);
  const info = parseGraphError(status, body);
  if (status === 400 && job.request.alreadyExistsIsDone && /already exist/i.test(info.message))
    return succeeded(job, body);
  const reason = describeGraphError(info);
  if (isThrottled(status)) return { kind: 'retry', afterMs: retryAfter, reason, throttled: status === 429 };
  if (isUncertain(status)) return uncertainVerdict(job, reason);
  // 424: a request it depended on failed. hrsync sends no dependsOn, but the retry is harmless.
  if (status === 424) return { kind: 'retry', afterMs: undefined, reason, throttled: false };
  if (status === 403 && refusedForTheAccount(job, appRoles))
    return {
      kind: 'done',
      outcome: {
        ok: false,
        code: 'HRS_TARGET_WRITE_FAILED',
        message: `${job.write.kind} ${subject(job.write)}: ${reason.replace(/\.+$/, '')}. The app may write users, so Graph refused this account itself: it holds a privileged administrator role, and only an administrator with a higher role may enable or disable it, change its phone numbers or other e-mail addresses, or delete it. Make the change in the Microsoft Entra admin center, or exclude the person with an override.`,
        retryable: false,
        ambiguous: false,
      },
    };
  const auth = status === 401 || status === 403;
  const hint =
    auth && job.request.body !== undefined && 'employeeLeaveDateTime' in job.request.body
      ? ' Writing employeeLeaveDateTime needs the User-LifeCycleInfo.ReadWrite.All application permission.'
      : '';
  return {
    kind: 'done',
    outcome: {
      ok: false,
      code: auth ? 'HRS_TARGET_AUTH' : 'HRS_TARGET_WRITE_FAILED',
      message: `${job.write.kind} ${subject(job.write)}: ${reason}${hint}`,
      retryable: false,
      ambiguous: false,
    },
  };
}

/**
 * No answer, or one that does not say whether the work was done. Repeating a PATCH/PUT/DELETE is
 * harmless; repeating a create could make a second account, so that is left to the engine, which
 * re-matches first (DESIGN.md invariant 4).
 */
export function uncertainVerdict(job: JobView, reason: string): Verdict {
  if (job.write.kind !== 'create') return { kind: 'retry', afterMs: undefined, reason, throttled: false };
  return {
    kind: 'done',
    outcome: {
      ok: false,
      code: 'HRS_TARGET_WRITE_FAILED',
      message: `create ${subject(job.write)}: ${reason}; the account may have been created — re-match before retrying`,
      retryable: true,
      ambiguous: true,
    },
  };
}

function succeeded(job: JobView, body: unknown): Verdict {
  if (job.write.kind === 'create') {
    const id = isObject(body) && typeof body.id === 'string' ? body.id : null;
    if (id === null) return uncertainVerdict(job, 'Graph confirmed the create without the new id');
    return { kind: 'done', outcome: withApplied({ ok: true, accountId: id }, job.applied) };
  }
  const accountId = 'accountId' in job.write ? job.write.accountId : null;
  return { kind: 'done', outcome: withApplied({ ok: true, accountId }, job.applied) };
}

const withApplied = (outcome: { ok: true; accountId: string | null }, applied: Attributes | undefined) =>
  applied === undefined ? outcome : { ...outcome, applied };

function subject(write: PlannedWrite): string {
  return 'accountId' in write && write.accountId !== null
    ? `account ${write.accountId} (employee ${write.employeeNumber})`
    : `employee ${write.employeeNumber}`;
}
