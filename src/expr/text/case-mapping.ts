import { isAscii } from './normalize-diacritics.ts';

/**
 * Upper/lower case per character, as .NET does (simple case mapping): a character whose mapping
 * would change the length, such as ß → SS, is left as it is. `culture` undefined means invariant.
 */
export function changeCase(text: string, to: 'upper' | 'lower', culture: string | undefined): string {
  if (culture === undefined && isAscii(text)) return to === 'upper' ? text.toUpperCase() : text.toLowerCase();
  let out = '';
  for (const c of text) {
    const mapped =
      to === 'upper'
        ? culture === undefined
          ? c.toUpperCase()
          : c.toLocaleUpperCase(culture)
        : culture === undefined
          ? c.toLowerCase()
          : c.toLocaleLowerCase(culture);
    out += mapped.length === c.length ? mapped : c;
  }
  return out;
}

/** An RFC 4646 culture name, canonicalised; undefined when the name is not one. */
export function canonicalCulture(name: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(name)[0];
  } catch {
    return undefined;
  }
}
