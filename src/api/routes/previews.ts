/**
 * "Preview impact" of an unsaved step 3 or 4, and comparing two runs. A preview is validated
 * exactly as saving the step would be (same checks, same errors), then computed by the service's
 * analyses (their own thread) without storing anything. Its result is kept in this process for
 * 15 minutes so the console can page and filter it; comparisons of two finished runs never change
 * and are kept the same way.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  compareRuns,
  errorWords,
  formatInstant,
  getPreview,
  previewMappingStep,
  previewScopeStep,
  type ReasonContext,
} from '../../contracts/index.ts';
import { type AttrValue, HrsyncError, type RunStatus } from '../../core/index.ts';
import type { DifferenceKind, PersonDifference, PlanDifference, PlanSide } from '../../engine/index.ts';
import type { PreviewOutcome } from '../../jobs/analyses.ts';
import type { Connection, Store, StoredConfig } from '../../store/index.ts';
import type { AuditFields } from '../audit.ts';
import type { Caller } from '../auth/caller.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { loadConnection, loadRun } from '../connections/load.ts';
import { mappingPatterns, type PatternAt, scopePatterns } from '../connections/pattern-check.ts';
import { assertStepOpen, sectionsOf } from '../connections/save-step.ts';
import type { ApiDeps } from '../deps.ts';
import { toRunDto } from '../dto/runs.ts';
import { registerEndpoint } from '../route.ts';
import { checkPatterns, mappingSections, scopeSections, tenantOf } from './configuration.ts';

type PreviewAudit = (action: 'connection.previewed', fields: AuditFields) => Promise<void>;

const KEEP_MS = 15 * 60_000;
const KEEP_COUNT = 16;

interface Kept<V> {
  readonly organisationId: string;
  readonly at: number;
  readonly value: V;
}

/**
 * A few results per process, for a while: enough to page through, bounded in memory. Over the count,
 * the oldest of the organisation that holds the most goes: one organisation's previews push out their
 * own, not another organisation's (sixteen previews of one once made another's answer 404).
 */
class Results<V> {
  readonly #items = new Map<string, Kept<V>>();
  constructor(private readonly now: () => number) {}

  get(organisationId: string, key: string): Kept<V> | undefined {
    this.#expire();
    const kept = this.#items.get(key);
    return kept && kept.organisationId === organisationId ? kept : undefined;
  }

  put(organisationId: string, key: string, value: V): Kept<V> {
    this.#expire();
    const kept = { organisationId, at: this.now(), value };
    this.#items.delete(key);
    this.#items.set(key, kept);
    while (this.#items.size > KEEP_COUNT) this.#items.delete(this.#leastShared());
    return kept;
  }

  /** The oldest key of the organisation with the most results kept. */
  #leastShared(): string {
    const held = new Map<string, number>();
    for (const { organisationId } of this.#items.values())
      held.set(organisationId, (held.get(organisationId) ?? 0) + 1);
    const most = Math.max(...held.values());
    for (const [key, { organisationId }] of this.#items) if (held.get(organisationId) === most) return key;
    return this.#items.keys().next().value as string;
  }

  #expire(): void {
    const limit = this.now() - KEEP_MS;
    for (const [key, kept] of this.#items) if (kept.at < limit) this.#items.delete(key);
  }
}

interface StoredPreview {
  readonly id: string;
  readonly connectionId: string;
  readonly step: 3 | 4;
  readonly outcome: PreviewOutcome;
}

interface PageRequest {
  readonly page?: number;
  readonly pageSize?: number;
  readonly kind?: DifferenceKind;
  readonly q?: string;
}

const plain = (v: AttrValue): string | number | boolean | null | string[] =>
  Array.isArray(v) ? [...v] : (v as string | number | boolean | null);

/** A side's error in words (the engine's text names Graph properties and codes). */
const sideWords = (side: PlanSide | null, ctx: ReasonContext): PlanSide | null =>
  side?.error ? { ...side, error: errorWords(side.error, ctx) } : side;

/** The connection's zone and tenant type, for the words of the persons' errors. */
async function wordsContext(store: Store, connection: Connection): Promise<ReasonContext> {
  const tenant = await tenantOf(store, connection);
  return { timeZone: connection.config.timeZone ?? DEFAULT_TIME_ZONE, tenantType: tenant?.type ?? null };
}

function pageOf(difference: PlanDifference | null, request: PageRequest, ctx: ReasonContext) {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? 50;
  const q = request.q?.trim().toLowerCase() ?? '';
  const matches = (p: PersonDifference) =>
    (request.kind === undefined || p.kinds.includes(request.kind)) &&
    (q === '' || p.displayName.toLowerCase().includes(q) || p.employeeNumber.toLowerCase().includes(q));
  const all = (difference?.persons ?? []).filter(matches);
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize).map((p) => ({
      ...p,
      before: sideWords(p.before, ctx),
      after: sideWords(p.after, ctx),
      attributes: p.attributes.map((a) => ({
        attribute: a.attribute,
        current: plain(a.current),
        before: plain(a.before),
        after: plain(a.after),
      })),
      kinds: [...p.kinds],
    })),
    total: all.length,
    page,
    pageSize,
  };
}

function summaryOf(difference: PlanDifference) {
  const { persons: _persons, ...summary } = difference;
  return { ...summary, transitions: [...summary.transitions] };
}

/** Runs whose items are the plan they made (a failed or cancelled run has none to compare). */
const COMPARABLE: readonly RunStatus[] = ['succeeded', 'blocked', 'discarded'];

export async function previewRoutes(app: FastifyInstance): Promise<void> {
  const now = () => Date.parse(app.deps.clock.now());
  const previews = new Results<StoredPreview>(now);
  const comparisons = new Results<PlanDifference>(now);

  const previewDto = (kept: Kept<StoredPreview>, request: PageRequest, ctx: ReasonContext) => {
    const { id, connectionId, step, outcome } = kept.value;
    return {
      id,
      connectionId,
      step,
      createdAt: new Date(kept.at).toISOString(),
      expiresAt: new Date(kept.at + KEEP_MS).toISOString(),
      saved: outcome.saved,
      draft: outcome.draft,
      difference: outcome.difference === null ? null : summaryOf(outcome.difference),
      persons: pageOf(outcome.difference, request, ctx),
    };
  };

  /** The same checks, in the same order, as saving the step; then the analysis, then kept. */
  const preview = async (
    deps: ApiDeps,
    store: Store,
    caller: Caller,
    id: string,
    step: 3 | 4,
    draft: Partial<StoredConfig>,
    patterns: readonly PatternAt[],
    pageSize: number | undefined,
    audit: PreviewAudit,
    about: (s: { connectionId: string; connectionName: string }) => void,
  ) => {
    await checkPatterns(store, caller, id, about, patterns);
    const connection = await loadConnection(store, caller, id);
    about({ connectionId: connection.id, connectionName: connection.name });
    assertStepOpen(connection, step);
    const tenant = await tenantOf(store, connection);
    const sections = sectionsOf(step, { ...connection, config: { ...connection.config, ...draft } }, tenant);
    const outcome = await deps.analyses.preview({
      organisationId: caller.organisationId,
      connectionId: connection.id,
      sections,
    });
    const d = outcome.difference;
    await audit('connection.previewed', {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: connection.tenantId,
      outcome: d === null ? 'failure' : 'success',
      message:
        d === null
          ? `step ${step} draft previewed: the simulation failed (${(outcome.saved.error ?? outcome.draft.error)?.message ?? 'unknown'})`
          : `step ${step} draft previewed: ${d.changed} of ${d.compared} persons would change; nothing saved`,
      details: { step, changed: d?.changed ?? null, compared: d?.compared ?? null },
    });
    const previewId = randomUUID();
    const kept = previews.put(caller.organisationId, previewId, {
      id: previewId,
      connectionId: connection.id,
      step,
      outcome,
    });
    return previewDto(kept, pageSize === undefined ? {} : { pageSize }, {
      timeZone: connection.config.timeZone ?? DEFAULT_TIME_ZONE,
      tenantType: tenant?.type ?? null,
    });
  };

  registerEndpoint(
    app,
    previewMappingStep,
    async ({ caller, store, deps, params, body, query, audit, about }) =>
      preview(
        deps,
        store,
        caller,
        params.id,
        3,
        mappingSections(body),
        mappingPatterns(body.mapping, body.uniqueness?.candidates),
        query.pageSize,
        audit,
        about,
      ),
  );

  registerEndpoint(
    app,
    previewScopeStep,
    async ({ caller, store, deps, params, body, query, audit, about }) =>
      preview(
        deps,
        store,
        caller,
        params.id,
        4,
        scopeSections(body),
        scopePatterns(body.scope),
        query.pageSize,
        audit,
        about,
      ),
  );

  registerEndpoint(app, getPreview, async ({ caller, store, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const kept = previews.get(caller.organisationId, params.previewId);
    if (!kept || kept.value.connectionId !== connection.id) {
      throw new HrsyncError(
        'HRS_NOT_FOUND',
        `Preview ${params.previewId} was not found; previews are kept for 15 minutes. Preview again.`,
      );
    }
    return previewDto(kept, query, await wordsContext(store, connection));
  });

  registerEndpoint(app, compareRuns, async ({ caller, store, deps, params, query }) => {
    const run = await loadRun(store, caller, params.id);
    const base = await loadRun(store, caller, query.with);
    if (base.connectionId !== run.connectionId) {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Run ${base.id} belongs to another connection; compare runs of the same connection.`,
      );
    }
    for (const r of [base, run]) {
      if (!COMPARABLE.includes(r.status)) {
        throw new HrsyncError(
          'HRS_INVALID_STATE',
          `Run ${r.id} is ${r.status}; only finished runs with a plan (succeeded, blocked or discarded) can be compared.`,
        );
      }
      if (r.itemsPrunedAt !== null) {
        const { config } = await loadConnection(store, caller, r.connectionId);
        throw new HrsyncError(
          'HRS_INVALID_STATE',
          `Run ${r.id}'s persons were removed by retention on ${formatInstant(r.itemsPrunedAt, config.timeZone ?? DEFAULT_TIME_ZONE)}; it can no longer be compared.`,
        );
      }
    }
    const key = `${base.id}>${run.id}`;
    const kept =
      comparisons.get(caller.organisationId, key) ??
      comparisons.put(
        caller.organisationId,
        key,
        await deps.analyses.compare({
          organisationId: caller.organisationId,
          baseRunId: base.id,
          runId: run.id,
        }),
      );
    return {
      base: toRunDto(base),
      run: toRunDto(run),
      difference: summaryOf(kept.value),
      persons: pageOf(
        kept.value,
        query,
        await wordsContext(store, await loadConnection(store, caller, run.connectionId)),
      ),
    };
  });
}
