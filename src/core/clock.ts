/** Time and ids are passed in, so the engine stays deterministic (STYLE.md principle 2). */
export interface Clock {
  /** Current instant as an ISO-8601 string in UTC. */
  now(): string;
}

export interface IdSource {
  next(): string;
}

export const fixedClock = (iso: string): Clock => ({ now: () => iso });
