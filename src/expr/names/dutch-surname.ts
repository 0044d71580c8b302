import type { NameConvention } from './name-convention.ts';

export interface DutchNameParts {
  readonly prefix: string | null;
  readonly birthName: string | null;
  readonly partnerPrefix: string | null;
  readonly partnerName: string | null;
}

const clean = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** "van den" + "Boele" → "van den Boele"; a prefix without a name is dropped. */
function withPrefix(prefix: string | null, name: string | null): string {
  const n = clean(name);
  return n === '' ? '' : clean(`${prefix ?? ''} ${n}`);
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
  const full = clean(`${givenName ?? ''} ${dutchSurname(convention, parts)}`);
  if (full.length <= DISPLAY_NAME_MAX_LENGTH) return full;
  // Never cut between the two halves of a surrogate pair.
  const cut = full.slice(0, DISPLAY_NAME_MAX_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
  return cut.trimEnd();
}
