/**
 * Finds persons for the person picker: by the start of the employee number or any part of the
 * display name, ignoring case and accents ("zoe" finds "Zoë", "jansen" finds "Jan Jansen").
 */
import type { Lifecycle, Person } from '../../core/index.ts';
import { normalizeDiacritics, transliterate } from '../../expr/index.ts';

export interface PersonEntry {
  readonly employeeNumber: string;
  readonly displayName: string;
  readonly lifecycle: Lifecycle;
  /** Folded once when the directory is built, not on every keystroke's search. */
  readonly foldedNumber: string;
  readonly foldedName: string;
}

/**
 * Entra's diacritics table first (ø → oe, so "aeroe" finds "Ærø"), then transliteration for what the
 * table leaves (đ, Cyrillic), so a typed "ss" finds "ß" and "yilmaz" finds "Yılmaz".
 */
export const fold = (text: string): string => transliterate(normalizeDiacritics(text)).toLowerCase();

// Employee numbers are strings of varying length: "999" belongs before "1000".
const byNumber = new Intl.Collator('en', { numeric: true }).compare;

/** Entries sorted by employee number, ready to search. */
export function personEntries(persons: readonly Person[]): readonly PersonEntry[] {
  return persons
    .map((p) => ({
      employeeNumber: p.employeeNumber,
      displayName: p.displayName,
      lifecycle: p.lifecycle,
      foldedNumber: fold(p.employeeNumber),
      foldedName: fold(p.displayName),
    }))
    .sort((a, b) => byNumber(a.employeeNumber, b.employeeNumber));
}

export interface PersonMatches {
  readonly items: readonly PersonEntry[];
  readonly total: number;
}

export function searchPersonEntries(
  entries: readonly PersonEntry[],
  query: string,
  limit: number,
): PersonMatches {
  const q = fold(query.trim());
  const matches =
    q === '' ? entries : entries.filter((e) => e.foldedNumber.startsWith(q) || e.foldedName.includes(q));
  return { items: matches.slice(0, limit), total: matches.length };
}
