/**
 * Account names must be plain ASCII: Graph refuses accents in a UPN and mail systems mangle them.
 * NFD splits "é" into "e" + a combining mark we drop; letters that do not decompose (ß, ı, ø, ĳ…)
 * need an explicit spelling.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ĳ: 'ij',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_CHARS = /[ßæøœłđĳþı]/g;
const INVALID = /[^a-z0-9._-]/g;

/** Graph's limit for the part of a UPN before the `@`. */
export const MAX_LOCAL_PART = 64;

/** Lower case, diacritics removed, anything but `a-z 0-9 . _ -` dropped, dots collapsed and trimmed. */
export function toLocalPart(raw: string): string {
  const lower = raw.toLowerCase();
  // Most names are plain ASCII already; normalising them is the slow part at 100,000 persons.
  const plain = hasNonAscii(lower)
    ? lower
        .replace(SPECIAL_CHARS, (c) => SPECIAL[c] ?? c)
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
    : lower;
  const ascii = plain
    .replace(INVALID, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  return ascii.slice(0, MAX_LOCAL_PART).replace(/[.-]+$/, '');
}

/** True when the text has a character outside plain ASCII (an accent, ß, ı…). */
export function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}
