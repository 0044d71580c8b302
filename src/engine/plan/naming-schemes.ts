/**
 * The built-in naming schemes (core/config NAMING_SCHEMES): the local parts to try, in order, from a
 * person's name parts. Pure; the unique-name machinery decides which one is free. A candidate that
 * needs a part the person does not have (no initials, a one-letter first name) is skipped, never
 * collapsed into another candidate.
 */
import type { Attributes, NamingScheme } from '../../core/index.ts';
import { assertNever } from '../../core/index.ts';
import { cleanLocalPart, MAX_LOCAL_PART } from './unique-names.ts';

export interface NameParts {
  /** Roepnaam (else Voornaam). */
  readonly first: string;
  /** Voorletters, e.g. "J.A.". */
  readonly initials: string;
  /** Voorvoegsel + Geboortenaam, e.g. "van den Boele". */
  readonly surname: string;
}

const text = (v: Attributes[string] | undefined): string => (typeof v === 'string' ? v.trim() : '');

/** The attributes namePartsOf reads. */
export const NAME_PART_ATTRIBUTES = [
  'Roepnaam',
  'Voornaam',
  'Voorletters',
  'Voorvoegsel',
  'Geboortenaam',
] as const;

/** The name parts of a person as the HelloID v2 GetConnectors deliver them. */
export function namePartsOf(attrs: Attributes): NameParts {
  return {
    first: text(attrs.Roepnaam) || text(attrs.Voornaam),
    initials: text(attrs.Voorletters),
    surname: [text(attrs.Voorvoegsel), text(attrs.Geboortenaam)].filter((p) => p !== '').join(' '),
  };
}

/** The longest local part a scheme makes: sAMAccountName allows 20 characters, a UPN's local part 64. */
export function schemeMaxLength(scheme: NamingScheme): number {
  return scheme === 'samaccountname' ? 20 : MAX_LOCAL_PART;
}

/**
 * Local parts in order of preference, cleaned (ASCII, lower case) and cut to the scheme's length,
 * then the first of them with the numbers 2 … maxSuffix (cut so the number still fits). Lazy: most
 * persons are served by the first candidate.
 */
export function* schemeCandidates(
  scheme: NamingScheme,
  parts: NameParts,
  maxSuffix: number,
): Generator<string> {
  const max = schemeMaxLength(scheme);
  const first = cleanLocalPart(parts.first.replace(/[.\s]/g, ''), max);
  const initials = cleanLocalPart(parts.initials.replace(/\s/g, ''), max);
  const surname = cleanLocalPart(parts.surname.replace(/[.\s]/g, ''), max);
  if (surname === '') return;
  const dotted = (given: string) => (given === '' ? '' : cleanLocalPart(`${given}.${surname}`, max));
  const joined = (given: string) => (given === '' ? '' : cleanLocalPart(`${given}${surname}`, max));
  const bases: string[] = [];
  switch (scheme) {
    case 'first.last':
      bases.push(dotted(first), dotted(initials), dotted(first.slice(0, 1)));
      break;
    case 'growing-first-name':
      bases.push(dotted(first));
      for (let n = 1; n < first.length; n++) bases.push(dotted(first.slice(0, n)));
      break;
    case 'initials.last':
      bases.push(dotted(initials), dotted(first));
      break;
    case 'samaccountname':
      bases.push(joined(first));
      for (let n = first.length - 1; n >= 1; n--) bases.push(joined(first.slice(0, n)));
      break;
    default:
      assertNever(scheme, 'naming scheme');
  }
  const seen = new Set<string>();
  for (const b of bases) {
    if (b === '' || seen.has(b)) continue;
    seen.add(b);
    yield b;
  }
  const base = bases.find((b) => b !== '');
  if (base === undefined) return;
  for (let n = 2; n <= maxSuffix; n++) {
    const suffix = String(n);
    yield cleanLocalPart(base, max - suffix.length) + suffix;
  }
}
