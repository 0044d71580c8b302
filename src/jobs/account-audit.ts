import type { RunItem } from '../core/index.ts';
import type { NewAuditEvent, Run, Store } from '../store/index.ts';
import { WORKER_ACTOR } from './run-effects.ts';

export interface AuditAbout {
  readonly connectionId: string;
  readonly connectionName: string | null;
  readonly tenantId: string | null;
}

/** One audit event per account write, with old → new values (invariant 8). */
export function accountWriteEvent(run: Run, item: RunItem, about: AuditAbout): NewAuditEvent {
  const action = ['create', 'update', 'enable', 'disable', 'delete'].includes(item.action)
    ? `account.${item.action}`
    : 'account.write-back';
  return {
    organisationId: run.organisationId,
    actor: WORKER_ACTOR,
    action,
    outcome: item.status === 'success' || item.status === 'warning' ? 'success' : 'failure',
    ...about,
    runId: run.id,
    person: item.employeeNumber,
    message: `${item.action} ${item.displayName} (${item.employeeNumber}): ${item.status}${item.error ? ` — ${item.error.message}` : ''}`,
    details: {
      accountId: item.accountId,
      changes: item.changes.map((c) => ({ attribute: c.attribute, old: c.old, new: c.new })),
    },
  };
}

export interface AccountAuditOptions {
  /** A batch is written once it holds this many events… */
  readonly maxEvents?: number;
  /** …or this long after its first event, whichever comes first. */
  readonly maxDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The audit events of one run's account writes, written in batches: each batch is one transaction
 * with a few hundred rows per statement, instead of one round trip per write. Each event keeps the
 * time its write was reported, not the time its batch was stored.
 *
 * Crash-safety: the account write itself (and a create's link) is already committed when its event
 * is queued here, as before; what a crash can lose is the same as with one insert per event — the
 * events not yet stored — only the window is bounded by `maxDelayMs` (default 250 ms) instead of
 * the queue of pending single inserts. `close()` stores everything before the run is finished.
 */
export class AccountAuditBatch {
  readonly #store: Store;
  readonly #run: Run;
  readonly #about: AuditAbout;
  readonly #maxEvents: number;
  readonly #maxDelayMs: number;
  readonly #onError: (error: unknown) => void;
  #pending: (NewAuditEvent & { at: string })[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #written: Promise<void> = Promise.resolve();
  #stored = 0;
  #batches = 0;

  constructor(store: Store, run: Run, about: AuditAbout, options: AccountAuditOptions = {}) {
    this.#store = store;
    this.#run = run;
    this.#about = about;
    this.#maxEvents = options.maxEvents ?? 200;
    this.#maxDelayMs = options.maxDelayMs ?? 250;
    this.#onError = options.onError ?? (() => {});
  }

  add(item: RunItem): void {
    this.#pending.push({ ...accountWriteEvent(this.#run, item, this.#about), at: this.#store.clock.now() });
    if (this.#pending.length >= this.#maxEvents) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#maxDelayMs);
  }

  /** Queues the pending events as one batch (batches are stored one after another, in order). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#written = this.#written
      .then(() => this.#store.transaction((trx) => trx.audit.appendMany(batch)))
      .then(
        (n) => {
          this.#stored += n;
          this.#batches += 1;
        },
        (error) => this.#onError(error),
      );
  }

  /** Stores what is pending and waits for every batch. */
  async close(): Promise<{ events: number; batches: number }> {
    this.flush();
    await this.#written;
    return { events: this.#stored, batches: this.#batches };
  }
}
