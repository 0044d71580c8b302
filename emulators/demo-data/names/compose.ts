/**
 * How a Dutch name is put together from its AFAS parts: initials, the surname shown for a name-use
 * code (§1.10 of the API notes: 0 B, 1 PB, 2 P, 3 BP) and the display name. Kept in step with the
 * engine's DutchSurname/DutchDisplayName so a generated tenant looks like one hrsync already synced.
 */
export type NameUseCode = 0 | 1 | 2 | 3;

export interface PersonName {
  /** All official first names (Voornaam), e.g. "Johannes Wilhelmus". */
  readonly firstNames: string;
  /** The calling name (Roepnaam), e.g. "Jan". */
  readonly callingName: string;
  /** Initials of the official first names (Voorletters), e.g. "J.W.". */
  readonly initials: string;
  readonly prefix: string | null;
  readonly birthName: string;
  readonly partnerPrefix: string | null;
  readonly partnerName: string | null;
  readonly nameUse: NameUseCode;
}

/** Latin digraphs Dutch writes as one letter in initials: IJsbrand → "IJ.", Theodorus → "Th.". */
const DIGRAPHS = ['IJ', 'Chr', 'Th', 'Ph'];

export function initialsOf(firstNames: string): string {
  let out = '';
  for (const name of firstNames.split(/[\s-]+/)) {
    if (name === '') continue;
    const digraph = DIGRAPHS.find((d) => name.startsWith(d));
    out += `${digraph ?? name.charAt(0).toUpperCase()}.`;
  }
  return out;
}

const withPrefix = (prefix: string | null, name: string | null): string =>
  name === null || name === '' ? '' : prefix ? `${prefix} ${name}` : name;

/** The surname as the person uses it; without a partner name every code falls back to the own name. */
export function surnameFor(name: PersonName): string {
  const own = withPrefix(name.prefix, name.birthName);
  const partner = withPrefix(name.partnerPrefix, name.partnerName);
  if (partner === '') return own;
  switch (name.nameUse) {
    case 0:
      return own;
    case 1:
      return `${partner} - ${own}`;
    case 2:
      return partner;
    case 3:
      return `${own} - ${partner}`;
  }
}

/** Entra's displayName limit. */
const DISPLAY_NAME_MAX = 256;

export function displayNameOf(name: PersonName): string {
  const full = `${name.callingName} ${surnameFor(name)}`.trim();
  return full.length <= DISPLAY_NAME_MAX ? full : full.slice(0, DISPLAY_NAME_MAX).trimEnd();
}

/** The formal name HR lists print: "J.W. van der Berg". */
export function formalNameOf(name: PersonName): string {
  return `${name.initials} ${surnameFor(name)}`.trim();
}

/** "van den" + "Berg" → "vandenBerg": the family part of an account name, own birth name only. */
export function familyForAccount(name: PersonName): string {
  return `${name.prefix ?? ''}${name.birthName}`.replace(/\s+/g, '');
}
