/**
 * apply: the interpreter of a plan (only in sync and on-demand runs). Order matters:
 * 1. creates, in chunks, storing each link the moment its create succeeds (DESIGN.md invariant 4);
 *    a create whose outcome is ambiguous (timeout, reset) is re-matched before it is retried;
 * 2. updates, enables, disables, deletes;
 * 3. managers, once every account exists; then groups and licences (after usageLocation is set);
 * 4. write-back of e-mail / UPN to AFAS.
 */
import type {
  AttrValue,
  GrantedEntitlements,
  ItemStatus,
  Link,
  PlannedWrite,
  RunItem,
  RunStep,
  StepReason,
} from '../../core/index.ts';
import type { PersonPlan } from '../plan/index.ts';
import type { EngineStore, Source, Target, WriteOutcome } from '../ports.ts';
import { applyEntitlements } from './entitlements.ts';

export interface ApplyContext {
  readonly target: Target;
  readonly source: Source;
  readonly store: EngineStore;
  readonly now: () => string;
  /** The first matching attribute, used to re-match an ambiguous create (e.g. employeeId). */
  readonly rematchAttribute: string;
  readonly readAttributes: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onItem?: (item: RunItem) => void;
  /** A write the target refused for a reason retrying cannot fix (the person is quarantined). */
  readonly onRefused?: (plan: PersonPlan, refusal: { code: string; message: string }) => void;
  readonly links: ReadonlyMap<string, Link>;
}

const CHUNK = 100;

interface Tracker {
  plan: PersonPlan;
  accountId: string | null;
  status: ItemStatus;
  steps: RunStep[];
  error: { code: string; message: string } | null;
}

export async function applyPlan(plans: readonly PersonPlan[], ctx: ApplyContext): Promise<RunItem[]> {
  const trackers = plans.map<Tracker>((plan) => ({
    plan,
    accountId: plan.item.accountId,
    status: plan.item.status,
    steps: [...plan.item.steps],
    error: plan.item.error,
  }));
  const byEmployee = new Map(trackers.map((t) => [t.plan.item.employeeNumber, t]));
  // account id → employee number: the stored links and this run's (a matched person's link is written
  // after the creates), so a create answered with an account someone else has is never linked twice.
  let owners: Map<string, string> | undefined;
  const ownerOf = (accountId: string): string | undefined => {
    if (owners === undefined) {
      owners = new Map();
      for (const l of ctx.links.values()) owners.set(l.accountId, l.employeeNumber);
      for (const t of trackers) if (t.accountId !== null) owners.set(t.accountId, t.plan.item.employeeNumber);
    }
    return owners.get(accountId);
  };
  // A failed person may still carry writes: the parts of an update the target accepts (a leaver is
  // disabled even when a new surname is too long to write).
  const active = trackers.filter((t) => t.plan.item.status !== 'failed' || t.plan.writes.length > 0);
  const total = active.reduce((n, t) => n + t.plan.writes.length, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    ctx.onProgress?.(done, total);
  };

  const writesOf = (kinds: readonly PlannedWrite['kind'][]) =>
    active.flatMap((t) => t.plan.writes.filter((w) => kinds.includes(w.kind)).map((w) => ({ t, w })));

  // 1. creates
  for (const chunk of chunks(writesOf(['create']))) {
    const outcomes = await ctx.target.apply(
      chunk.map((c) => c.w),
      withSignal(ctx.signal),
    );
    for (const [i, { t, w }] of chunk.entries()) {
      const outcome = await resolveCreate(outcomes[i], w, ctx);
      const n = t.plan.item.employeeNumber;
      const owner = outcome.ok && outcome.accountId ? ownerOf(outcome.accountId) : undefined;
      if (outcome.ok && outcome.accountId && owner !== undefined && owner !== n) {
        refuseLink(t, outcome.accountId, owner, ctx.target.capabilities.displayName);
      } else if (outcome.ok && outcome.accountId) {
        owners?.set(outcome.accountId, n);
        t.accountId = outcome.accountId;
        await storeLink(t, outcome.accountId, ctx);
        t.steps.push(
          step('success', `created account ${outcome.accountId}`, {
            code: 'created',
            account: outcome.accountId,
          }),
        );
      } else fail(t, outcome);
    }
    progress(chunk.length);
  }

  // 2. updates and lifecycle writes on existing accounts
  for (const chunk of chunks(writesOf(['update', 'enable', 'disable', 'delete']))) {
    const outcomes = await ctx.target.apply(
      chunk.map((c) => c.w),
      withSignal(ctx.signal),
    );
    chunk.forEach(({ t, w }, i) => {
      const o = outcomes[i];
      if (o?.ok)
        t.steps.push(
          step('success', `${w.kind} applied`, {
            code: 'applied',
            write: w.kind as 'update' | 'enable' | 'disable' | 'delete',
          }),
        );
      else fail(t, o);
    });
    progress(chunk.length);
  }

  // Links for matched/updated accounts whose writes all succeeded, and dropped stale links. These
  // go in batches: losing them in a crash costs a re-match, never a duplicate account.
  const matchedLinks: Link[] = [];
  for (const t of active) {
    // A stale link is dropped, unless this run's create already replaced it.
    if (t.plan.dropLink && !t.plan.writes.some((w) => w.kind === 'create'))
      await ctx.store.removeLink(t.plan.item.employeeNumber);
    if (t.status === 'failed' || t.accountId === null || t.plan.writes.some((w) => w.kind === 'create'))
      continue;
    if (t.plan.writes.some((w) => w.kind === 'delete'))
      await ctx.store.removeLink(t.plan.item.employeeNumber);
    else if (t.plan.newLink || t.plan.writes.length > 0) matchedLinks.push(linkFor(t, t.accountId, ctx));
  }
  await putLinks(matchedLinks, ctx);

  // 3. managers: every account exists now, so pending references can be resolved.
  const managerWrites: { t: Tracker; w: PlannedWrite }[] = [];
  for (const { t, w } of writesOf(['set-manager'])) {
    if (w.kind !== 'set-manager' || t.status === 'failed' || t.accountId === null) continue;
    const managerAccountId =
      w.managerEmployeeNumber === null
        ? null
        : (w.managerAccountId ?? byEmployee.get(w.managerEmployeeNumber)?.accountId ?? null);
    if (w.managerEmployeeNumber !== null && managerAccountId === null) {
      warn(t, `manager ${w.managerEmployeeNumber} has no account yet; the manager is set on a later run`);
      continue;
    }
    managerWrites.push({ t, w: { ...w, accountId: t.accountId, managerAccountId } });
  }
  for (const chunk of chunks(managerWrites)) {
    const outcomes = await ctx.target.apply(
      chunk.map((c) => c.w),
      withSignal(ctx.signal),
    );
    const managerLinks: Link[] = [];
    for (const [i, { t, w }] of chunk.entries()) {
      const o = outcomes[i];
      if (o?.ok) {
        t.steps.push(step('success', 'manager set', MANAGER_SET));
        if (w.kind === 'set-manager') managerLinks.push(linkFor(t, t.accountId as string, ctx));
      } else warn(t, `manager not set: ${o && !o.ok ? o.message : 'no outcome'}`);
    }
    await putLinks(managerLinks, ctx);
    progress(chunk.length);
  }

  // 3b. groups and licences: after creates (ids known), updates (usageLocation) and managers.
  const granted = await applyEntitlements(active, {
    target: ctx.target,
    links: ctx.links,
    ...withSignal(ctx.signal),
    warn,
    progress,
  });
  for (const [t, g] of granted) {
    const before = ctx.links.get(t.plan.item.employeeNumber)?.granted;
    if (JSON.stringify(before ?? null) !== JSON.stringify(g))
      await storeLink(t, t.accountId as string, ctx, g);
  }

  // 4. write-back to AFAS
  for (const { t, w } of writesOf(['write-back'])) {
    if (w.kind !== 'write-back' || t.status === 'failed') continue;
    const email = w.changes.find((c) => c.attribute === 'email')?.new;
    const upn = w.changes.find((c) => c.attribute === 'upn')?.new;
    try {
      await ctx.source.writeBack(w.employeeNumber, {
        ...(typeof email === 'string' ? { email } : {}),
        ...(typeof upn === 'string' ? { upn } : {}),
      });
      t.steps.push(step('success', 'written back to AFAS', WRITTEN_BACK));
    } catch (e) {
      warn(t, `write-back to AFAS failed: ${(e as Error).message}`);
    }
    progress(1);
  }

  return trackers.map((t) => {
    const item: RunItem = Object.freeze({
      ...t.plan.item,
      accountId: t.accountId,
      status: t.status,
      steps: t.steps,
      error: t.error,
    });
    if (t.plan.writes.length > 0) ctx.onItem?.(item);
    return item;
  });

  function fail(t: Tracker, o: WriteOutcome | undefined) {
    const message = o && !o.ok ? o.message : 'the target returned no outcome';
    t.status = 'failed';
    t.error = { code: o && !o.ok ? o.code : 'HRS_TARGET_WRITE_FAILED', message };
    t.steps.push(step('failed', message));
    // Refusals retrying cannot fix; an authorisation refusal is the app's permissions, and a target that
    // cannot be reached at its address the connection's setting, not the person.
    if (o && !o.ok && !o.retryable && !o.ambiguous && !CONNECTION_PROBLEMS.has(o.code))
      ctx.onRefused?.(t.plan, { code: o.code, message });
  }
}

/**
 * A create answered with an account another person is linked to (a target or agent that answered
 * wrongly, or a re-match that found someone else's account): the person fails and nothing is linked,
 * so one account never belongs to two persons. Not quarantined: the person's data is not the cause.
 */
function refuseLink(t: Tracker, accountId: string, owner: string, targetName: string | undefined): void {
  const n = t.plan.item.employeeNumber;
  const message = `${targetName ?? 'The target'} answered the create of employee ${n} with account ${accountId}, which is already linked to employee ${owner}; one account is never linked to two persons, so nothing was linked to employee ${n}. Check account ${accountId} in the target.`;
  t.status = 'failed';
  t.error = { code: 'HRS_ACCOUNT_LINKED_ELSEWHERE', message };
  t.steps.push(step('failed', message));
}

/** Non-retryable failures that are the connection's, not a person's: they quarantine nobody. */
const CONNECTION_PROBLEMS: ReadonlySet<string> = new Set(['HRS_TARGET_AUTH', 'HRS_TARGET_UNREACHABLE']);

function warn(t: Tracker, message: string) {
  if (t.status === 'success') t.status = 'warning';
  t.steps.push(step('warning', message));
}

/** A create's link: stored alone and at once, before anything else (invariant 4). */
async function storeLink(
  t: Tracker,
  accountId: string,
  ctx: ApplyContext,
  granted?: GrantedEntitlements,
): Promise<void> {
  await ctx.store.putLink(linkFor(t, accountId, ctx, granted));
}

function linkFor(t: Tracker, accountId: string, ctx: ApplyContext, granted?: GrantedEntitlements): Link {
  const n = t.plan.item.employeeNumber;
  const previous = ctx.links.get(n);
  const now = ctx.now();
  const applied: Record<string, AttrValue> = { ...(previous?.applied ?? {}), ...t.plan.applied };
  // Grants change only once their writes were sent (3b); until then the link keeps the old ones.
  const kept = granted ?? (previous?.accountId === accountId ? previous.granted : undefined);
  return {
    employeeNumber: n,
    accountId,
    applied,
    linkedAt: previous && previous.accountId === accountId ? previous.linkedAt : now,
    updatedAt: now,
    ...(kept === undefined ? {} : { granted: kept }),
  };
}

async function putLinks(links: readonly Link[], ctx: ApplyContext): Promise<void> {
  if (links.length === 0) return;
  if (ctx.store.putLinks) await ctx.store.putLinks(links);
  else for (const link of links) await ctx.store.putLink(link);
}

/** An ambiguous create may have happened: look before retrying, so no duplicate is ever made. */
async function resolveCreate(
  outcome: WriteOutcome | undefined,
  write: PlannedWrite,
  ctx: ApplyContext,
): Promise<WriteOutcome> {
  if (!outcome)
    return {
      ok: false,
      code: 'HRS_TARGET_WRITE_FAILED',
      message: 'no outcome',
      retryable: false,
      ambiguous: false,
    };
  if (outcome.ok || !outcome.ambiguous || write.kind !== 'create') return outcome;
  const value = write.attributes[ctx.rematchAttribute];
  if (typeof value !== 'string') return outcome;
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await ctx.target.findAccounts(ctx.rematchAttribute, value, ctx.readAttributes);
    if (found.length === 1) return { ok: true, accountId: (found[0] as { id: string }).id };
    if (found.length > 1) {
      return {
        ok: false,
        code: 'HRS_MATCH_AMBIGUOUS',
        message: `after an interrupted create, ${found.length} accounts have ${ctx.rematchAttribute} = "${value}"`,
        retryable: false,
        ambiguous: false,
      };
    }
    const [retry] = await ctx.target.apply([write], withSignal(ctx.signal));
    if (!retry || retry.ok || !retry.ambiguous) return retry ?? outcome;
  }
  return outcome;
}

const MANAGER_SET: StepReason = Object.freeze({ code: 'manager-set' });
const WRITTEN_BACK: StepReason = Object.freeze({ code: 'written-back' });

function step(status: ItemStatus, message: string, reason?: StepReason): RunStep {
  return reason ? { step: 'apply', status, message, reason } : { step: 'apply', status, message };
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
