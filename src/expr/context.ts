import type { Attributes } from '../core/index.ts';

/**
 * Everything an evaluation may depend on. The language is pure: the clock, the randomness and the
 * uniqueness check come from the caller, so a simulation and a test are repeatable.
 */
export interface EvalContext {
  readonly attributes: Attributes;
  /** The current instant, for Now() and formats without a date. A Date or an ISO-8601 string. */
  readonly now: () => Date | string;
  /** A number in [0, 1), for Guid() and RandomString(). */
  readonly random: () => number;
  /** SelectUniqueValue asks this whether a candidate is still free in the target (and the run). */
  readonly isUnique?: (value: string) => boolean;
  /**
   * What .NET would call the local time zone (IANA name). Entra's servers run in UTC, so that is the
   * default; it only matters where FormatDateTime converts to or from local time (AssumeLocal,
   * AssumeUniversal without AdjustToUniversal, offsets in the input, `zzz` and `K` in the output).
   */
  readonly timeZone?: string;
}

/** Mutable bookkeeping of one evaluation. */
export interface EvalState {
  readonly context: EvalContext;
  /** Cleared by IgnoreFlowIfNullOrEmpty when its value is null or empty. */
  flow: boolean;
  /** Set by Redact: the value must not appear in logs or audit events. */
  redacted: boolean;
  /** Now() and date defaults read the clock once per evaluation, so two Now() calls agree. */
  nowMs: number | undefined;
}
