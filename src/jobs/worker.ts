/**
 * A worker: claims queued runs, executes them under a lease it keeps alive with heartbeats, and
 * records the result. Several workers (threads of one serve, or `hrsync worker` processes on other
 * machines) share the queue through the store; a run is only ever executed by the lease holder.
 */
import { hostname } from 'node:os';
import { isHrsyncError, runError } from '../core/index.ts';
import type { Run, RunProgressRecord, Store } from '../store/index.ts';
import { AccountAuditBatch } from './account-audit.ts';
import type { ExecutionResult, RunExecutor } from './executor.ts';
import { type RunMetrics, tallyItems } from './metrics.ts';
import { applyRunEffects, WORKER_ACTOR } from './run-effects.ts';

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  readonly store: Store;
  readonly execute: RunExecutor;
  readonly owner?: string;
  /** How long a claim holds without a heartbeat; another worker may resume the run after it. */
  readonly leaseMs?: number;
  readonly heartbeatMs?: number;
  readonly pollMs?: number;
  readonly log?: WorkerLog;
  readonly metrics?: RunMetrics;
  /**
   * Told about every finished run after its result and effects are stored (notifications); must
   * return at once — what it starts must not hold the worker or fail the run.
   */
  readonly onFinished?: (run: Run) => void;
  /**
   * Asked before each claim; false ends the loop (a run thread that grew large stops claiming, so
   * it can be replaced by a fresh one between runs, never in the middle of one).
   */
  readonly keepClaiming?: () => boolean;
}

const silent: WorkerLog = { info() {}, warn() {}, error() {} };

export const workerId = (): string => `${hostname()}/${process.pid}/${crypto.randomUUID().slice(0, 8)}`;

export class Worker {
  readonly owner: string;
  readonly #o: Required<Omit<WorkerOptions, 'metrics' | 'owner' | 'onFinished'>> & {
    metrics: RunMetrics | undefined;
    onFinished: ((run: Run) => void) | undefined;
  };
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #current: AbortController | undefined;

  constructor(options: WorkerOptions) {
    this.owner = options.owner ?? workerId();
    const leaseMs = options.leaseMs ?? 60_000;
    this.#o = {
      store: options.store,
      execute: options.execute,
      leaseMs,
      heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 4)),
      pollMs: options.pollMs ?? 1000,
      log: options.log ?? silent,
      metrics: options.metrics,
      onFinished: options.onFinished,
      keepClaiming: options.keepClaiming ?? (() => true),
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops claiming; the run in progress is aborted and its lease released by expiry. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#current?.abort(new Error('worker stopping'));
    this.#wake?.();
    await this.#loop;
  }

  /** Settles when the loop has ended (after stop(), or when keepClaiming said no). */
  async stopped(): Promise<void> {
    await this.#loop;
  }

  /** Ends the wait between polls (the API calls this after queueing in the same process). */
  nudge(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    let lastSweep = 0;
    while (this.#running && this.#o.keepClaiming()) {
      try {
        if (Date.now() - lastSweep > this.#o.pollMs * 5) {
          lastSweep = Date.now();
          await this.sweep();
        }
        if (await this.tick()) continue;
      } catch (error) {
        this.#o.log.error({ err: error, worker: this.owner }, 'worker loop error');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#o.pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Re-queues or fails runs whose worker stopped heart-beating, and audits what happened. */
  async sweep(): Promise<void> {
    const { store } = this.#o;
    const expired = await store.runQueue.expireLeases();
    for (const run of expired.requeued) {
      await store.audit.append({
        organisationId: run.organisationId,
        actor: WORKER_ACTOR,
        action: 'run.requeued',
        outcome: 'success',
        connectionId: run.connectionId,
        runId: run.id,
        message: `the worker running this ${run.kind} run stopped; it is queued again (attempt ${run.attempt} of ${run.maxAttempts} used)`,
      });
    }
    for (const run of [...expired.failed, ...expired.cancelled]) await applyRunEffects(store, run);
  }

  /** Claims and executes one run; false when nothing was queued. */
  async tick(): Promise<boolean> {
    const { store, leaseMs } = this.#o;
    const run = await store.runQueue.claim(this.owner, leaseMs);
    if (!run) return false;
    await this.#execute(run);
    return true;
  }

  async #execute(run: Run): Promise<void> {
    const { store, log, leaseMs, heartbeatMs } = this.#o;
    const controller = new AbortController();
    this.#current = controller;
    let lost = false;
    let cancelled = false;
    let progress: RunProgressRecord | undefined;
    const started = Date.now();
    log.info({ run: run.id, kind: run.kind, attempt: run.attempt, worker: this.owner }, 'run started');
    const connection = await store.connections.get(run.organisationId, run.connectionId);
    const about = {
      connectionId: run.connectionId,
      connectionName: connection?.name ?? null,
      tenantId: connection?.tenantId ?? null,
    };
    const accountAudit = new AccountAuditBatch(store, run, about, {
      onError: (e) => log.error({ err: e, run: run.id }, 'audit write failed'),
    });
    await store.audit.append({
      ...about,
      organisationId: run.organisationId,
      actor: { ...WORKER_ACTOR, name: `worker ${this.owner}` },
      action: 'run.started',
      outcome: 'success',
      runId: run.id,
      person: run.employeeNumber,
      message: `${run.kind} run started (attempt ${run.attempt})`,
    });
    const beat = () =>
      store.runQueue
        .heartbeat(run.id, this.owner, leaseMs, progress)
        .then((answer) => {
          if (!answer.held && !lost) {
            lost = true;
            controller.abort(new Error('lease lost'));
          } else if (answer.cancelRequested && !cancelled) {
            cancelled = true;
            controller.abort(new Error('cancelled by an operator'));
          }
        })
        .catch((error) => log.warn({ err: error, run: run.id }, 'heartbeat failed'));
    const heartbeat = setInterval(() => void beat(), heartbeatMs);
    // Progress is shown live: a new phase, or a second since the last save, is stored at once
    // instead of waiting for the next heartbeat.
    let savedAt = 0;
    let savedPhase: string | undefined;
    let result: ExecutionResult;
    try {
      result = await this.#o.execute(run, {
        signal: controller.signal,
        onProgress: (p) => {
          progress = p;
          const now = Date.now();
          if (p.phase !== savedPhase || now - savedAt >= 1000) {
            const newPhase = p.phase !== savedPhase;
            savedPhase = p.phase;
            savedAt = now;
            const saved = beat();
            // A new phase is stored before its work starts, so the console shows "planning" while
            // the plan is made rather than after.
            if (newPhase) return saved;
          }
          return undefined;
        },
        onWrite: (item) => {
          accountAudit.add(item);
        },
      });
    } catch (error) {
      result = {
        status: 'failed',
        items: [],
        counts: null,
        sourceCount: null,
        blockedReason: null,
        error: isHrsyncError(error)
          ? runError(error)
          : {
              code: 'HRS_INTERNAL',
              message: `The run stopped unexpectedly: ${(error as Error).message}`,
              paths: [],
            },
        configHash: null,
        throttled: 0,
      };
    } finally {
      clearInterval(heartbeat);
      this.#current = undefined;
    }
    await accountAudit.close();
    if (lost) {
      log.warn({ run: run.id, worker: this.owner }, 'lease lost; another worker owns the run now');
      return;
    }
    const finished = await store.runQueue.finish(run.id, this.owner, {
      ...result,
      status: cancelled ? 'cancelled' : result.status,
    });
    if (!finished) {
      log.warn({ run: run.id, worker: this.owner }, 'run finished after its lease expired; result dropped');
      return;
    }
    await applyRunEffects(store, finished);
    try {
      this.#o.onFinished?.(finished);
    } catch (error) {
      log.error({ err: error, run: run.id }, 'after-run hook failed');
    }
    this.#o.metrics?.runFinished(
      run.kind,
      finished.status,
      Date.now() - started,
      tallyItems(result.items),
      result.throttled,
    );
    log.info({ run: run.id, status: finished.status, worker: this.owner }, 'run finished');
  }
}
