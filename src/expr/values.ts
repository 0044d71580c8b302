import type { AttrValue } from '../core/index.ts';

/** A single (not multi-valued) value. */
export type Scalar = string | number | boolean | null;

/** Null as Entra means it: the attribute is absent. An empty multi-valued attribute is absent too. */
export function isNull(value: AttrValue | undefined): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

export function isNullOrEmpty(value: AttrValue | undefined): boolean {
  return isNull(value) || value === '';
}

/** Numbers print as .NET prints them with the invariant culture: `1000`, `0.5`, `-3`. */
export function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** The text of a single value; booleans print as .NET's `True` / `False`, null as empty. */
export function scalarText(value: Scalar): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  return value ? 'True' : 'False';
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (NUMERIC.test(trimmed)) return Number(trimmed);
  if (/^&[Hh][0-9A-Fa-f]+$/.test(trimmed)) return Number.parseInt(trimmed.slice(2), 16);
  return undefined;
}

export function toNumber(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseNumber(value);
  return undefined;
}

/** True/False the way VB converts: booleans, "True"/"False" in any case, and numbers (non-zero is true). */
export function toBoolean(value: Scalar): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === null) return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const n = parseNumber(value);
  return n === undefined ? undefined : n !== 0;
}

/** For messages: a value as the author would have typed it. */
export function showValue(value: AttrValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `a multi-valued attribute with ${value.length} values`;
  return value === null ? 'null' : scalarText(value as Scalar);
}
