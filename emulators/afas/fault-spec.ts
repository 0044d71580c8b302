import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { MAX_DELAY_MS } from '../shared/option-values.ts';

export { MAX_DELAY_MS };

const count = (description: string) => Type.Optional(Type.Integer({ minimum: 1, description }));

/** One injected fault, as given on the command line (`--fault`) or to `POST /__admin/faults`. */
export const FaultSpecSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('latency'),
      Type.Literal('error'),
      Type.Literal('unavailable'),
      Type.Literal('revoked'),
      Type.Literal('truncate'),
    ]),
    connector: Type.Optional(
      Type.String({ minLength: 1, description: 'connector id in any case; omitted or "*" = every request' }),
    ),
    method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$', description: 'only this HTTP method' })),
    page: count('only the k-th page (1-based, by skip/take) of a GetConnector read'),
    count: count('fire this many times, then disappear; omitted = until cleared'),
    ms: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'latency: delay' })),
    jitterMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'latency: up to this much more' }),
    ),
    retryAfter: Type.Optional(Type.Integer({ minimum: 0, description: 'unavailable: seconds; default 30' })),
    message: Type.Optional(Type.String({ minLength: 1, description: 'error: externalMessage' })),
    dropLast: Type.Optional(
      Type.Integer({ minimum: 0, description: 'truncate: rows cut from the end of the page; omitted = all' }),
    ),
  },
  { additionalProperties: false },
);

export type FaultSpec = Static<typeof FaultSpecSchema>;
export type FaultKind = FaultSpec['kind'];

const NUMERIC = new Set(['page', 'count', 'ms', 'jitterMs', 'retryAfter', 'dropLast']);

/** What is wrong with a fault beyond its shape, or undefined when it is usable. */
export function faultProblem(spec: FaultSpec): string | undefined {
  if (spec.kind === 'latency' && spec.ms === undefined) return 'a latency fault needs ms';
  if (spec.page !== undefined && spec.kind !== 'error' && spec.kind !== 'truncate' && spec.kind !== 'latency')
    return `page applies to error, truncate and latency faults, not ${spec.kind}`;
  return undefined;
}

/**
 * Reads a `--fault` value: JSON (`{"kind":"error","page":2}`) or the short form
 * `kind[:key=value,…]`, e.g. `error:connector=T4E_HelloID_Users_v2,page=3,count=1`.
 */
export function parseFaultArgument(text: string): FaultSpec {
  const trimmed = text.trim();
  let candidate: unknown;
  if (trimmed.startsWith('{')) {
    try {
      candidate = JSON.parse(trimmed);
    } catch {
      throw new Error(`--fault ${text}: not valid JSON`);
    }
  } else {
    const [kind = '', rest] = splitOnce(trimmed, ':');
    const fields: Record<string, unknown> = { kind };
    for (const pair of rest === undefined || rest === '' ? [] : rest.split(',')) {
      const [key = '', value] = splitOnce(pair, '=');
      if (value === undefined) throw new Error(`--fault ${text}: '${pair}' is not key=value`);
      fields[key.trim()] =
        NUMERIC.has(key.trim()) && /^\d+$/.test(value.trim()) ? Number(value) : value.trim();
    }
    candidate = fields;
  }
  return checkFault(candidate, `--fault ${text}`);
}

export function checkFault(candidate: unknown, context: string): FaultSpec {
  if (!Value.Check(FaultSpecSchema, candidate)) {
    const first = Value.Errors(FaultSpecSchema, candidate).First();
    throw new Error(`${context}: ${first ? `${first.path || 'value'} ${first.message}` : 'invalid fault'}`);
  }
  const problem = faultProblem(candidate);
  if (problem !== undefined) throw new Error(`${context}: ${problem}`);
  return candidate;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
