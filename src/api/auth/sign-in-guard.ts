/**
 * Per-account sign-in throttling (issue 10, item 4): each wrong password for an account delays the
 * answer a little more, and the fifth in a row locks the account for sign-in for 15 minutes (doubling
 * with each further lock-out, at most a day). While locked, sign-in is refused at once — even with the
 * right password — without checking the password or writing an audit row per guess: the lock-out
 * itself is audited once. Per client address, @fastify/rate-limit bounds attempts as a whole.
 *
 * In memory, per process: several API processes each keep their own count (so an attacker gets at most
 * that many times the attempts), and a restart forgets them.
 */
export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 15 * 60_000;
const MAX_LOCK_MS = 24 * 3_600_000;
const MAX_ACCOUNTS = 100_000;

interface AccountState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

export type GuardVerdict =
  | { readonly locked: false }
  | { readonly locked: true; readonly retryAfterSeconds: number };

export class SignInGuard {
  readonly #accounts = new Map<string, AccountState>();
  constructor(private readonly now: () => number) {}

  check(email: string): GuardVerdict {
    const state = this.#accounts.get(email.toLowerCase());
    const now = this.now();
    if (state === undefined || state.lockedUntil <= now) return { locked: false };
    return { locked: true, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
  }

  /** Records a failure; returns the lock-out it started, if any, and how long to delay the answer. */
  fail(email: string): { readonly lockedForSeconds: number | null; readonly delayMs: number } {
    const key = email.toLowerCase();
    if (this.#accounts.size >= MAX_ACCOUNTS && !this.#accounts.has(key)) this.#forgetOldest();
    const state = this.#accounts.get(key) ?? { failures: 0, lockouts: 0, lockedUntil: 0 };
    state.failures++;
    this.#accounts.set(key, state);
    if (state.failures < FAILURES_BEFORE_LOCK) {
      return { lockedForSeconds: null, delayMs: Math.min(100 * 2 ** state.failures, 1_600) };
    }
    const ms = Math.min(FIRST_LOCK_MS * 2 ** state.lockouts, MAX_LOCK_MS);
    state.lockouts++;
    state.failures = 0;
    state.lockedUntil = this.now() + ms;
    return { lockedForSeconds: Math.round(ms / 1000), delayMs: 0 };
  }

  succeed(email: string): void {
    this.#accounts.delete(email.toLowerCase());
  }

  #forgetOldest(): void {
    const first = this.#accounts.keys().next();
    if (!first.done) this.#accounts.delete(first.value);
  }
}
