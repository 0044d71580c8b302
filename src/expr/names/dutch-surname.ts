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

/** A scan before the replace: a global replace costs ~200 bytes even when nothing matches. */
function hasTypographicApostrophe(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 0x60) return true;
  }
  return false;
}

/**
 * "van den" + "Boele" → "van den Boele"; a prefix without a name is dropped. A prefix that ends in an
 * apostrophe is written against the name ("d'" + "Hondt" → "d'Hondt"); one that starts with it keeps
 * its space ("'t" + "Hart" → "'t Hart"). Typographic apostrophes become plain ones.
 */
function withPrefix(prefix: string | null, name: string | null): string {
  const n = clean(name);
  if (n === '') return '';
  const cleaned = clean(prefix);
  if (cleaned === '') return n;
  const p = hasTypographicApostrophe(cleaned) ? cleaned.replace(/[’‘ʼ`]/g, "'") : cleaned;
  return p.endsWith("'") ? `${p}${n}` : `${p} ${n}`;
}

/**
 * The surname shown for a convention: B "van den Boele", BP "van den Boele - de Vries", P "de Vries",
 * PB "de Vries - van den Boele". Prefixes keep their case; runs of spaces collapse; without a
 * partner name every convention falls back to B.
 */
export function dutchSurname(convention: NameConvention, parts: DutchNameParts): string {
  return surnameOf(convention, parts.prefix, parts.birthName, parts.partnerPrefix, parts.partnerName);
}

/** dutchSurname with the parts as arguments: the expression functions call it for every person. */
export function surnameOf(
  convention: NameConvention,
  prefix: string | null,
  birthName: string | null,
  partnerPrefix: string | null,
  partnerName: string | null,
): string {
  // A mapping asks twice per person with the same parts (DutchDisplayName, then DutchSurname): the
  // second answer is the first, without its strings made again.
  if (
    birthName === last.birthName &&
    prefix === last.prefix &&
    partnerName === last.partnerName &&
    partnerPrefix === last.partnerPrefix &&
    convention === last.convention
  )
    return last.surname;
  const surname = composeSurname(convention, prefix, birthName, partnerPrefix, partnerName);
  last.convention = convention;
  last.prefix = prefix;
  last.birthName = birthName;
  last.partnerPrefix = partnerPrefix;
  last.partnerName = partnerName;
  last.surname = surname;
  return surname;
}

/** The parts and the answer of the last surnameOf() (an answer depends on nothing else). */
const last: {
  convention: NameConvention | null;
  prefix: string | null;
  birthName: string | null;
  partnerPrefix: string | null;
  partnerName: string | null;
  surname: string;
} = { convention: null, prefix: null, birthName: null, partnerPrefix: null, partnerName: null, surname: '' };

function composeSurname(
  convention: NameConvention,
  prefix: string | null,
  birthName: string | null,
  partnerPrefix: string | null,
  partnerName: string | null,
): string {
  const own = withPrefix(prefix, birthName);
  const partner = withPrefix(partnerPrefix, partnerName);
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
  return displayNameOf(
    givenName,
    surnameOf(convention, parts.prefix, parts.birthName, parts.partnerPrefix, parts.partnerName),
  );
}

/** The given name and a surname from surnameOf(), as dutchDisplayName() puts them together. */
export function displayNameOf(givenName: string | null, surname: string): string {
  const given = clean(givenName);
  const full = given === '' ? surname : surname === '' ? given : `${given} ${surname}`;
  if (full.length <= DISPLAY_NAME_MAX_LENGTH) return full;
  // Never cut between the two halves of a surrogate pair.
  const cut = full.slice(0, DISPLAY_NAME_MAX_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
  return cut.trimEnd();
}
