export interface ParamSpec {
  readonly name: string;
  /** Optional parameters may be left out at the end, or left empty (`, ,`) in the middle. */
  readonly optional?: true;
}

/**
 * Positional parameters plus an optional repeating group at the end: `Join(separator, source…)`,
 * `Switch(source, defaultValue, key, value, …)` (group of two), `SelectUniqueValue(rule…)`.
 */
export interface Signature {
  readonly params: readonly ParamSpec[];
  readonly rest?: { readonly params: readonly ParamSpec[]; readonly min: number };
}

/** `InStr(value1, value2, [start], [compareType])`, `Join(separator, source1, source2, …)`. */
export function formatSignature(name: string, signature: Signature): string {
  const parts = signature.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  const rest = signature.rest;
  if (rest !== undefined) {
    const numbered = (n: number) => rest.params.map((p) => `${p.name}${n}`);
    parts.push(...numbered(1));
    if (rest.min > 1 || rest.params.length === 1) parts.push(...numbered(2));
    parts.push('…');
  }
  return `${name}(${parts.join(', ')})`;
}

/** The name of the parameter at a position, counting into the repeating group. */
export function paramName(signature: Signature, index: number): string {
  const fixed = signature.params[index];
  if (fixed !== undefined) return fixed.name;
  const rest = signature.rest;
  if (rest === undefined) return `argument ${index + 1}`;
  const offset = index - signature.params.length;
  const group = rest.params.length;
  return `${rest.params[offset % group]!.name}${Math.floor(offset / group) + 1}`;
}
