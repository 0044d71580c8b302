/**
 * The tenant caches a run thread has decoded, kept between its runs. Reading a connection's
 * `tenant_accounts` and parsing every row cost a warm 20,000-person simulation 150–370 ms and ~54 MB
 * of short-lived objects, every run, to get back what the same thread had in hand after the previous
 * run. Held here, a warm run gets the accounts for the price of one small select.
 *
 * Only ever what the database holds: each copy is stored with the generation that the engine state
 * row carried when the copy was taken — a random id written in the same transaction as every change
 * of the cache (engine-store.ts) — and is handed out only while the row still carries it. A run of
 * the connection by another worker process, a write that failed or rolled back, a deleted connection:
 * each leaves another (or no) generation in the row, so the copy is not used and the rows are read
 * again. Anything else that changes `tenant_accounts` must write a new generation too.
 *
 * Bounded by the accounts held across connections (the least recently used connection goes first);
 * one Store's memory, so never another database's; keyed by connection; gone with the thread.
 */
import type { Account } from '../core/index.ts';

/** Accounts a process holds across connections unless told otherwise (~1 KB each: ~47 MB at most). */
export const TENANT_MEMORY_ACCOUNTS = 50_000;

export interface HeldTenant {
  readonly generation: string;
  /** By account id. Owned by the memory: callers get arrays of its values, never the map. */
  readonly accounts: Map<string, Account>;
}

export class TenantMemory {
  readonly #held = new Map<string, HeldTenant>();
  #size = 0;

  constructor(readonly maxAccounts: number) {}

  /** Accounts held across connections. */
  get size(): number {
    return this.#size;
  }

  /** The connection's accounts as of `generation`, or null when none are held for exactly it. */
  get(connectionId: string, generation: string): readonly Account[] | null {
    const held = this.#held.get(connectionId);
    if (held === undefined || held.generation !== generation) return null;
    // Most recently used last: eviction takes the first.
    this.#held.delete(connectionId);
    this.#held.set(connectionId, held);
    return [...held.accounts.values()];
  }

  /** Removes and returns what is held for the connection (a cache write is about to begin). */
  take(connectionId: string): HeldTenant | undefined {
    const held = this.#held.get(connectionId);
    if (held === undefined) return undefined;
    this.#held.delete(connectionId);
    this.#size -= held.accounts.size;
    return held;
  }

  /**
   * Holds `accounts` as the connection's tenant cache at `generation`. They are handed to later runs
   * as they are, so nothing may change one (the engine's types are read-only). They are not frozen:
   * with frozen accounts held and fresh ones read by delta, the engine's loads of account attributes
   * met two kinds of every account shape, and a warm 50,000-person simulation's engine part cost ~100 ms
   * more CPU than the same run on the engine's own store (2 × 4 rounds interleaved: +99 ms frozen,
   * −19 ms not). CPU profiles put most of it in the compiled comparison (plan/differences.ts): 36–38 ms
   * of self time a run on the engine's store, 147–204 ms on the service's with frozen accounts.
   */
  put(connectionId: string, generation: string, accounts: Map<string, Account>): void {
    this.take(connectionId);
    if (accounts.size > this.maxAccounts) return;
    this.#held.set(connectionId, { generation, accounts });
    this.#size += accounts.size;
    for (const [id, held] of this.#held) {
      if (this.#size <= this.maxAccounts) break;
      this.#held.delete(id);
      this.#size -= held.accounts.size;
    }
  }

  clear(): void {
    this.#held.clear();
    this.#size = 0;
  }
}
