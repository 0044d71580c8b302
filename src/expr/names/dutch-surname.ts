import type { NameConvention } from './name-convention.ts';

export interface DutchNameParts {
  readonly prefix: string | null;
  readonly birthName: string | null;
  readonly partnerPrefix: string | null;
  readonly partnerName: string | null;
}

/** Collapses runs of white space and trims; the scan first, since most names need nothing. */
function clean(s: string | null): string {
  if (s === null || s === '') return '';
  let tidy = true;
  for (let i = 0; i < s.length && tidy; i++) {
    const code = s.charCodeAt(i);
    if (code === 32) tidy = i > 0 && i < s.length - 1 && s.charCodeAt(i + 1) !== 32;
    else if (code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x3000)) tidy = false;
  }
  return tidy ? s : s.replace(/\s+/g, ' ').trim();
}

/**
 * "van den" + "Boele" → "van den Boele"; a prefix without a name is dropped. A prefix that ends in an
 * apostrophe is written against the name ("d'" + "Hondt" → "d'Hondt"); one that starts with it keeps
 * its space ("'t" + "Hart" → "'t Hart"). Typographic apostrophes become plain ones.
 */
function withPrefix(prefix: string | null, name: string | null): string {
  const n = clean(name);
  if (n === '') return '';
  const p = clean(prefix).replace(/[’‘ʼ`]/g, "'");
  if (p === '') return n;
  return p.endsWith("'") ? `${p}${n}` : `${p} ${n}`;
}

/**
 * The surname shown for a convention: B "van den Boele", BP "van den Boele - de Vries", P "de Vries",
 * PB "de Vries - van den Boele". Prefixes keep their case; runs of spaces collapse; without a
 * partner name every convention falls back to B.
 */
export function dutchSurname(convention: NameConvention, parts: DutchNameParts): string {
  const own = withPrefix(parts.prefix, parts.birthName);
  const partner = withPrefix(parts.partnerPrefix, parts.partnerName);
  if (partner === '') return own;
  switch (convention) {
    case 'B':
      return own;
    case 'P':
      return partner;
    case 'BP':
      return own === '' ? partner : `${own} - ${partner}`;
    case 'PB':
      return own === '' ? partner : `${partner} - ${own}`;
  }
}

/** Entra limits displayName to 256 characters. */
export const DISPLAY_NAME_MAX_LENGTH = 256;

export function dutchDisplayName(
  givenName: string | null,
  convention: NameConvention,
  parts: DutchNameParts,
): string {
  const given = clean(givenName);
  const surname = dutchSurname(convention, parts);
  const full = given === '' ? surname : surname === '' ? given : `${given} ${surname}`;
  if (full.length <= DISPLAY_NAME_MAX_LENGTH) return full;
  // Never cut between the two halves of a surrogate pair.
  const cut = full.slice(0, DISPLAY_NAME_MAX_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
  return cut.trimEnd();
}
