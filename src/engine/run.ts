/**
 * The engine's front door for the service and the CLI: one run of the pipeline
 * read → normalise → scope → map → match → plan → guard → apply → record.
 */
import type {
  Action,
  Clock,
  ConnectionConfig,
  ItemStatus,
  Person,
  RunItem,
  RunKind,
  RunPhase,
} from '../core/index.ts';
import type { LicencePool, Plan } from './plan/index.ts';
import type { EngineStore, Source, Target } from './ports.ts';

export interface RunProgress {
  readonly phase: RunPhase;
  readonly done: number;
  readonly total: number | null;
}

export interface RunRequest {
  readonly kind: RunKind;
  readonly config: ConnectionConfig;
  readonly source: Source;
  readonly target: Target;
  readonly store: EngineStore;
  readonly clock: Clock;
  /** on-demand: the one employee to process. */
  readonly employeeNumber?: string;
  /** Approval of a blocked run: apply even though the guard fired. */
  readonly approved?: { readonly by: string; readonly reason: string };
  readonly signal?: AbortSignal;
  /**
   * Progress as it happens. A returned promise is awaited when a phase starts (the service stores
   * the new phase before the phase's work begins); within a phase it is not awaited.
   */
  readonly onProgress?: (p: RunProgress) => void | Promise<void>;
  /** Called for every write that was applied (the service audits each account write). */
  readonly onWrite?: (item: RunItem) => void;
}

export interface RunOutcome {
  /** succeeded: planned (simulation) or applied; blocked: over a threshold, nothing applied. */
  readonly status: 'succeeded' | 'blocked' | 'failed';
  readonly items: readonly RunItem[];
  readonly actionCounts: Readonly<Record<Action, number>>;
  readonly statusCounts: Readonly<Record<ItemStatus, number>>;
  /** Persons read from AFAS; null when the run failed before it had them (nothing counted, not zero). */
  readonly sourceCount: number | null;
  readonly blockedReason: string | null;
  /** For a failed run: the HrsyncError's code, message and configuration paths (the run aborted before planning or applying). */
  readonly error: RunError | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Licence pools entitlement rules draw on: free, freed, wanted and short per SKU. */
  readonly licencePools?: readonly LicencePool[];
}

import {
  HrsyncError,
  isHrsyncError,
  overrideSet,
  type QuarantineEntry,
  type RunError,
  runError,
} from '../core/index.ts';
import { applyPlan } from './apply/index.ts';
import { entitlementAttributes, readEntitlementSnapshot } from './entitlements-read.ts';
import { checkFieldsRead } from './fields-read.ts';
import { configFingerprint, personFingerprint } from './fingerprint.ts';
import { guard } from './guard/index.ts';
import { compileMapping } from './map/index.ts';
import { AccountIndex } from './match/index.ts';
import { localToday, normaliseInSlices, RowCut } from './normalise/index.ts';
import { plan as makePlan, personAttributesRead, planEntitlements } from './plan/index.ts';
import { readTarget, type TenantRead } from './read-target.ts';
import { countItems } from './run-counts.ts';
import { compileScope } from './scope/index.ts';

/**
 * One run. Expected failures (source or target unreachable, bad configuration) end as a `failed`
 * outcome with the error; nothing is planned or applied after a failed read (invariant 2).
 */
export async function executeRun(request: RunRequest): Promise<RunOutcome> {
  const { config, clock, kind } = request;
  const startedAt = clock.now();
  const progress = (p: RunProgress): void => {
    void request.onProgress?.(p);
  };
  const startPhase = async (phase: RunProgress['phase']): Promise<void> => {
    await request.onProgress?.({ phase, done: 0, total: null });
  };
  const finish = (
    fields: Omit<RunOutcome, 'startedAt' | 'finishedAt' | 'actionCounts' | 'statusCounts'>,
  ): RunOutcome => ({
    ...fields,
    ...countItems(fields.items),
    startedAt,
    finishedAt: clock.now(),
  });
  // Known once the persons are made: a run that fails after that still says how many AFAS gave.
  let counted: number | null = null;
  try {
    const capabilities = request.target.capabilities;
    const compiled = compileMapping(config.mapping, capabilities.attributeTypes ?? {});
    if (!compiled.ok) {
      throw new HrsyncError(
        'HRS_CONFIG_INVALID',
        compiled.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        {
          details: compiled.errors,
        },
      );
    }
    const mapping = compiled.mapping;
    const signal = request.signal;

    const state = await request.store.getState();
    const readAttributes = [
      ...new Set([
        ...(capabilities.alwaysRead ?? []),
        'accountEnabled',
        'displayName',
        ...mapping.rules.map((r) => r.target),
        ...config.matching,
        ...Object.keys(capabilities.uniqueAttributes),
        ...Object.values(capabilities.uniqueAttributes).flat(),
        // Managers are compared with what the tenant holds, not only with what hrsync last set.
        ...(capabilities.managerReference && config.lifecycle.setManager ? ['manager'] : []),
        ...entitlementAttributes(config, capabilities),
      ]),
    ].sort();

    // The two reads are independent: the tenant is read while AFAS pages come in. A failed source
    // read stops the tenant read and fails the run before anything is planned.
    await startPhase('read-source');
    const stopTarget = new AbortController();
    const targetSignal = signal ? AbortSignal.any([signal, stopTarget.signal]) : stopTarget.signal;
    const tenantRead = readTarget(request.target, readAttributes, state, request.store, targetSignal);
    tenantRead.catch(() => {}); // awaited below; a rejection while AFAS is still read is not unhandled
    // Only the attributes the configuration reads: a full record per person is ~530 B kept to the
    // plan's end and copied by the garbage collector on each run. The source cuts its rows to what
    // those are made from as they arrive.
    const read = personAttributesRead(config, mapping);
    const cut = read === undefined ? undefined : new RowCut(read);
    // Let go of once the persons are made: the user rows are garbage then (employment rows live on in
    // the persons), so the plan's allocations can reuse their memory instead of growing the heap.
    let snapshot: Awaited<ReturnType<typeof request.source.read>> | undefined;
    try {
      snapshot =
        kind === 'on-demand'
          ? await request.source.readOne(requireEmployee(request), signal ? { signal } : {})
          : await request.source.read({
              ...(signal ? { signal } : {}),
              ...(state.sourceRows ? { expectedRows: state.sourceRows } : {}),
              ...(cut === undefined ? {} : { cut }),
              onProgress: (p) => progress({ phase: 'read-source', done: p.rows, total: null }),
            });
    } catch (error) {
      stopTarget.abort(error);
      await tenantRead.catch(() => {});
      throw error;
    }
    await startPhase('read-target');
    const now = clock.now();
    const today = localToday(now, config.timeZone);
    const sourceRows = {
      users: snapshot.users.length,
      employments: snapshot.employments.length,
      organizationalUnits: snapshot.organizationalUnits.length,
    };
    // Persons are put together while the tenant is still being read (it usually takes longer).
    let persons: readonly Person[] | undefined;
    try {
      // A name the configuration reads that no row has is a mistake (AFAS gives every field in every
      // row): planned, it would read as empty for everyone.
      checkFieldsRead(config, [snapshot.users, snapshot.employments], cut?.fieldsSeen() ?? []);
      // In slices: the Graph read's next page is asked for between them.
      persons = await normaliseInSlices(snapshot, {
        today,
        timeZone: config.timeZone,
        persons: config.persons,
        constants: { Domain: config.target.defaultDomain },
        ...(read === undefined ? {} : { attributes: read }),
        ...(cut === undefined ? {} : { pool: cut.pool }),
      });
    } catch (error) {
      stopTarget.abort(error);
      await tenantRead.catch(() => {});
      throw error;
    }
    snapshot = undefined;
    counted = persons.length;
    let tenant: TenantRead | undefined = await tenantRead;
    collectReadGarbage(persons.length);
    const entitlements = await readEntitlementSnapshot(request.target, config, signal);

    await startPhase('plan');
    const linkList = await request.store.links();
    const overrides = overrideSet((await request.store.overrides?.()) ?? []);
    const quarantineList = (await request.store.readQuarantine?.()) ?? [];
    const configHash = configFingerprint(config);
    const onDemandPerson = kind === 'on-demand' ? requireEmployee(request) : null;
    let index: AccountIndex | undefined = new AccountIndex(tenant.accounts, [
      ...config.matching,
      ...Object.keys(capabilities.uniqueAttributes),
      ...Object.values(capabilities.uniqueAttributes).flat(),
    ]);
    let thePlan: Plan | undefined = makePlan({
      config,
      mapping,
      scope: compileScope(config.scope),
      persons,
      index,
      links: linkList,
      today,
      nowIso: now,
      collisions: capabilities.uniqueAttributes,
      reserved: tenant.reserved,
      reservedWithin: tenant.reservedWithin,
      implied: tenant.implied,
      ...(tenant.readWithin ? { readWithin: tenant.readWithin } : {}),
      capabilities,
      overrides,
      quarantine: {
        entries: new Map(quarantineList.map((q) => [q.employeeNumber, q])),
        fingerprint: (values) => personFingerprint(configHash, values),
        // Running one person on demand is the operator asking to send them again.
        ...(onDemandPerson === null ? {} : { released: new Set([onDemandPerson]) }),
      },
      ...(onDemandPerson === null ? {} : { onlyEmployeeNumber: onDemandPerson }),
      // A simulation applies nothing: its persons' plans keep no applied values nor fingerprints.
      applies: kind !== 'simulation',
    });
    if (entitlements !== null && capabilities.entitlements)
      thePlan = planEntitlements({
        plan: thePlan,
        rules: config.entitlements ?? [],
        persons,
        index,
        links: linkList,
        snapshot: entitlements,
        capabilities: capabilities.entitlements,
        today,
      });
    const pools = thePlan.licencePools ? { licencePools: thePlan.licencePools } : {};
    // The persons are not needed past the plan (it holds what it decided): let go of them, so what the
    // rest of the run allocates (the service stores the tenant cache and the items) can reuse their
    // memory instead of growing the heap past the plan's peak.
    const sourceCount = persons.length;
    persons = undefined;
    // Likewise the tenant's accounts and their index (the plan names the accounts it acts on): the
    // store writes the tenant cache next, the largest allocation after the plan.
    const { cursor: targetCursor, cacheUpdate } = tenant;
    index = undefined;
    tenant = undefined;
    if (kind === 'on-demand' && thePlan.persons.length === 0) {
      throw new HrsyncError('HRS_NOT_FOUND', `employee ${requireEmployee(request)} was not found in AFAS`);
    }

    const saveState = async (countSource: boolean) =>
      request.store.setState(
        {
          lastSourceCount: countSource ? sourceCount : state.lastSourceCount,
          targetCursor,
          accountAttributes: readAttributes,
          sourceRows: kind === 'on-demand' ? (state.sourceRows ?? null) : sourceRows,
        },
        cacheUpdate,
      );

    const verdict =
      kind === 'on-demand'
        ? ({ blocked: false } as const)
        : guard({ plan: thePlan, thresholds: config.thresholds, lastSourceCount: state.lastSourceCount });
    const planned = thePlan.persons.map((p) => p.item);
    if (verdict.blocked && !request.approved) {
      await saveState(false);
      const items = thePlan.persons.map((p) =>
        p.writes.length > 0 && (p.item.status === 'success' || p.item.status === 'warning')
          ? { ...p.item, status: 'blocked' as const, steps: [...p.item.steps, guardStep(verdict.reason)] }
          : p.item,
      );
      return finish({
        status: 'blocked',
        items,
        sourceCount,
        blockedReason: verdict.reason,
        error: null,
        ...pools,
      });
    }
    if (kind === 'simulation') {
      // A simulation keeps only the items: the writes, links and values each person would get are
      // garbage before the tenant cache is stored.
      thePlan = undefined;
      await saveState(false);
      return finish({
        status: 'succeeded',
        items: planned,
        sourceCount,
        blockedReason: null,
        error: null,
        ...pools,
      });
    }

    await startPhase('apply');
    const refusals = new Map<string, QuarantineEntry>();
    const items = await applyPlan(thePlan.persons, {
      target: request.target,
      source: request.source,
      store: request.store,
      now: () => clock.now(),
      rematchAttribute: config.matching[0] ?? 'employeeId',
      readAttributes,
      links: new Map(linkList.map((l) => [l.employeeNumber, l])),
      ...(signal ? { signal } : {}),
      onProgress: (done, total) => progress({ phase: 'apply', done, total }),
      ...(request.onWrite ? { onItem: request.onWrite } : {}),
      onRefused: (p, refusal) => {
        if (p.fingerprint === undefined) return;
        refusals.set(p.item.employeeNumber, {
          employeeNumber: p.item.employeeNumber,
          displayName: p.item.displayName,
          accountId: p.item.accountId,
          since: clock.now(),
          code: refusal.code,
          message: refusal.message,
          fingerprint: p.fingerprint(),
        });
      },
    });
    await startPhase('record');
    await updateQuarantine(request, quarantineList, items, refusals, onDemandPerson);
    await saveState(kind === 'sync');
    return finish({
      status: 'succeeded',
      items,
      sourceCount,
      blockedReason: null,
      error: null,
      ...pools,
    });
  } catch (e) {
    if (!isHrsyncError(e)) throw e;
    return finish({
      status: 'failed',
      items: [],
      sourceCount: counted,
      blockedReason: null,
      error: runError(e),
    });
  }
}

/**
 * After a sync: persons the target refused are quarantined (since now: a refused person was sent, so
 * any earlier quarantine had ended); an entry whose person was sent again, or left the plan, ends.
 */
async function updateQuarantine(
  request: RunRequest,
  before: readonly QuarantineEntry[],
  items: readonly { employeeNumber: string; error: { code: string } | null }[],
  refusals: ReadonlyMap<string, QuarantineEntry>,
  onDemandPerson: string | null,
): Promise<void> {
  if (!request.store.updateQuarantine) return;
  const stillQuarantined = new Set(
    items.filter((i) => i.error?.code === 'HRS_QUARANTINED').map((i) => i.employeeNumber),
  );
  const put = [...refusals.values()];
  const remove = before
    .map((q) => q.employeeNumber)
    .filter((n) => (onDemandPerson === null || n === onDemandPerson) && !stillQuarantined.has(n))
    .filter((n) => !refusals.has(n));
  if (put.length > 0 || remove.length > 0) await request.store.updateQuarantine({ put, remove });
}

function requireEmployee(request: RunRequest): string {
  if (!request.employeeNumber)
    throw new HrsyncError('HRS_VALIDATION', 'an on-demand run needs an employee number');
  return request.employeeNumber;
}

function guardStep(reason: string) {
  return { step: 'guard' as const, status: 'blocked' as const, message: `run blocked: ${reason}` };
}

/** Persons from which a run collects the reads' garbage before it plans (see `collectReadGarbage`). */
export const COLLECT_AFTER_READ_PERSONS = 10_000;

/**
 * One full garbage collection between the reads and the plan, for a large run, when the process
 * exposes it (bin/hrsync and `npm start` pass `--expose-gc`; elsewhere this does nothing). The reads
 * leave about 3 KB of garbage per person in the old generation (whole rows, Graph's account records,
 * the persons' slices), and V8, whose last full collection fell during the reads and raised its limit
 * to about four times what was live, does not collect again before the run ends: everything promoted
 * after that — live or not — made the run's peak, and where that last collection happened to fall
 * made the peak swing by a kilobyte per person between runs of the same data (issue 13: engine
 * 4.5–4.9 → 3.6–3.8, SQLite 4.4–5.5 → 4.3–4.7 KB/person at 50,000 persons, run CPU no higher: the
 * collection replaces the incremental marking that would come later). Below
 * `COLLECT_AFTER_READ_PERSONS` a collection costs more than the memory it returns.
 */
export function collectReadGarbage(persons: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined && persons >= COLLECT_AFTER_READ_PERSONS) gc();
}
