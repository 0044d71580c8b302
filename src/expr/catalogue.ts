import type { EvalContext } from './context.ts';
import type { CatalogueExample, FunctionCategory } from './definition.ts';
import { FUNCTION_NAMES, type FunctionName } from './function-names.ts';
import { DEFINITIONS } from './functions/index.ts';
import { formatSignature } from './signature.ts';

export interface FunctionInfo {
  readonly name: FunctionName;
  readonly category: FunctionCategory;
  /** e.g. `InStr(value1, value2, [start], [compareType])`. */
  readonly signature: string;
  readonly description: string;
  readonly example: CatalogueExample;
}

/** The console's function help, in the order Entra's reference lists them, hrsync's own last. */
export const FUNCTIONS: readonly FunctionInfo[] = Object.freeze(
  FUNCTION_NAMES.map((name) => {
    const d = DEFINITIONS[name];
    return Object.freeze({
      name,
      category: d.category,
      signature: formatSignature(name, d.signature),
      description: d.description,
      example: d.example,
    });
  }),
);

/** The clock every catalogue example is evaluated with (the instant of Entra's Now() example). */
export const EXAMPLE_NOW = '2021-07-02T15:33:38Z';

/**
 * The context a catalogue example's output holds for: a fixed clock, a seeded random sequence
 * (mulberry32, seed 1; fresh per call) and a uniqueness check that finds every value free.
 */
export function exampleContext(example: CatalogueExample): EvalContext {
  let seed = 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { attributes: example.attributes ?? {}, now: () => EXAMPLE_NOW, random, isUnique: () => true };
}
