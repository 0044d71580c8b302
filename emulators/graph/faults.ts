import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_DELAY_MS } from '../shared/option-values.ts';
import { firstProblem } from '../shared/schema-problem.ts';

/** Failures the emulator can be told to produce on Graph (`/v1.0`) requests. */
export interface FaultSettings {
  /** Answer the next `count` requests with 503 and `Retry-After: retryAfterSeconds` (default 1). */
  readonly serviceUnavailable?: { readonly count: number; readonly retryAfterSeconds?: number };
  /** Delay every Graph request by this many milliseconds. */
  readonly latencyMs?: number;
  /**
   * Destroy the TCP connection of the next `count` requests. Scope `any` (default) drops the request
   * unprocessed; `create-user` waits for a POST /users (or a $batch containing one), performs it,
   * then drops the response: the create happened but the client never hears of it.
   */
  readonly connectionReset?: { readonly count: number; readonly scope?: 'any' | 'create-user' };
}

export interface FaultState {
  readonly serviceUnavailable: { readonly remaining: number; readonly retryAfterSeconds: number };
  readonly latencyMs: number;
  readonly connectionReset: { readonly remaining: number; readonly scope: 'any' | 'create-user' };
}

export class Faults {
  #unavailable = { remaining: 0, retryAfterSeconds: 1 };
  #latencyMs = 0;
  #reset: { remaining: number; scope: 'any' | 'create-user' } = { remaining: 0, scope: 'any' };

  constructor(initial: FaultSettings = {}) {
    this.apply(initial);
  }

  /** Merges: only the kinds present in `settings` change. */
  apply(settings: FaultSettings): void {
    if (settings.serviceUnavailable) {
      this.#unavailable = {
        remaining: nonNegative(settings.serviceUnavailable.count, 'serviceUnavailable.count'),
        retryAfterSeconds: nonNegative(
          settings.serviceUnavailable.retryAfterSeconds ?? 1,
          'retryAfterSeconds',
        ),
      };
    }
    if (settings.latencyMs !== undefined) this.#latencyMs = nonNegative(settings.latencyMs, 'latencyMs');
    if (settings.connectionReset) {
      const scope = settings.connectionReset.scope ?? 'any';
      if (scope !== 'any' && scope !== 'create-user')
        throw new Error(`connectionReset.scope '${scope}' is unknown`);
      this.#reset = {
        remaining: nonNegative(settings.connectionReset.count, 'connectionReset.count'),
        scope,
      };
    }
  }

  clear(): void {
    this.apply({ serviceUnavailable: { count: 0 }, latencyMs: 0, connectionReset: { count: 0 } });
  }

  state(): FaultState {
    return {
      serviceUnavailable: { ...this.#unavailable },
      latencyMs: this.#latencyMs,
      connectionReset: { ...this.#reset },
    };
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Consumes one 503 if armed; returns its Retry-After seconds. */
  takeUnavailable(): number | undefined {
    if (this.#unavailable.remaining <= 0) return undefined;
    this.#unavailable.remaining -= 1;
    return this.#unavailable.retryAfterSeconds;
  }

  /** Consumes one reset if armed for this moment: before handling (`any`) or after a create. */
  takeReset(moment: 'before' | 'after-create'): boolean {
    if (this.#reset.remaining <= 0) return false;
    const wanted = this.#reset.scope === 'any' ? 'before' : 'after-create';
    if (moment !== wanted) return false;
    this.#reset.remaining -= 1;
    return true;
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
}

const count = Type.Integer({ minimum: 0 });
const FaultSettingsSchema = TypeCompiler.Compile(
  Type.Object(
    {
      serviceUnavailable: Type.Optional(
        Type.Object({ count, retryAfterSeconds: Type.Optional(count) }, { additionalProperties: false }),
      ),
      latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS })),
      connectionReset: Type.Optional(
        Type.Object(
          { count, scope: Type.Optional(Type.Union([Type.Literal('any'), Type.Literal('create-user')])) },
          { additionalProperties: false },
        ),
      ),
    },
    // A misspelt setting (latencMs) is refused, not ignored: the test would run without its fault.
    { additionalProperties: false },
  ),
);

/** What is wrong with fault settings posted to `/__admin/faults`, or undefined. */
export function faultSettingsProblem(body: unknown): string | undefined {
  return firstProblem(FaultSettingsSchema, body, '', 'the body');
}
