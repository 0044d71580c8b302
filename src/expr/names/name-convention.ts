/**
 * The Dutch name conventions HelloID derives from AFAS `Naamgebruik_code`: which surname a person
 * uses — their own birth name (B), their partner's (P), or both in either order.
 */
export type NameConvention = 'B' | 'PB' | 'P' | 'BP';

const BY_CODE: Readonly<Record<string, NameConvention>> = {
  '0': 'B',
  '1': 'PB',
  '2': 'P',
  '3': 'BP',
  B: 'B',
  PB: 'PB',
  P: 'P',
  BP: 'BP',
};

/** BY_CODE as a map: an own key only (a code such as "constructor" finds nothing). */
const EXACT: ReadonlyMap<string, NameConvention> = new Map(Object.entries(BY_CODE));

/** 0 → B, 1 → PB, 2 → P, 3 → BP; the letters themselves are accepted too; anything else is B. */
export function nameConvention(code: string | number | boolean | null): NameConvention {
  if (code === null || typeof code === 'boolean') return 'B';
  // The code as AFAS gives it ("0"–"3") needs no trimmed, upper-cased copy (asked for every person).
  const exact = typeof code === 'string' ? EXACT.get(code) : undefined;
  return exact ?? BY_CODE[String(code).trim().toUpperCase()] ?? 'B';
}
