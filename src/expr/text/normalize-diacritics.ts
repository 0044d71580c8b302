/**
 * NormalizeDiacritics as Microsoft Entra documents it: a fixed table of letters with diacritics and
 * what each becomes (ä → a, æ → ae, ø → oe, ß → ss, ł → l, ı → i, …). Letters outside that table are
 * kept as they are — Entra's function leaves đ, œ, þ, Cyrillic or Greek alone — with one hrsync
 * addition, the Dutch ĳ ligature (ĳ → ij), which must not reach a user name.
 *
 * For user names and e-mail addresses hrsync transliterates instead (see transliterate.ts): that
 * turns every script into ASCII (đ → d, þ → th, Владимир → Vladimir) and writes ø as o.
 */

/** Entra's table, one row per base letter: lower-case forms, their replacement, upper-case forms, theirs. */
const ENTRA_TABLE: readonly (readonly [string, string, string, string])[] = [
  ['ä à â ã å á ą ă ā ā́ ā̀ ā̂ ā̃ ǟ ā̈ ǡ a̱ å̄', 'a', 'Ä À Â Ã Å Á Ą Ă Ā Ā́ Ā̀ Ā̂ Ā̃ Ǟ Ā̈ Ǡ A̱ Å̄', 'A'],
  ['æ ǣ', 'ae', 'Æ Ǣ', 'AE'],
  ['ç č ć c̄ c̱', 'c', 'Ç Č Ć C̄ C̱', 'C'],
  ['ď d̄ ḏ', 'd', 'Ď D̄ Ḏ', 'D'],
  ['ë è é ê ę ě ė ē ḗ ḕ ē̂ ē̃ ê̄ e̱ ë̄ e̊̄', 'e', 'Ë È É Ê Ę Ě Ė Ē Ḗ Ḕ Ē̂ Ē̃ Ê̄ E̱ Ë̄ E̊̄', 'E'],
  ['ğ ḡ g̱', 'g', 'Ğ Ḡ G̱', 'G'],
  ['ï î ì í ı ī ī́ ī̀ ī̂ ī̃ i̱', 'i', 'Ï Î Ì Í İ Ī Ī́ Ī̀ Ī̂ Ī̃ I̱', 'I'],
  ['ľ ł l̄ ḹ ḻ', 'l', 'Ł Ľ L̄ Ḹ Ḻ', 'L'],
  ['ñ ń ň n̄ ṉ', 'n', 'Ñ Ń Ň N̄ Ṉ', 'N'],
  ['ö ò ő õ ô ó ō ṓ ṑ ō̂ ō̃ ȫ ō̈ ǭ ȭ ȱ o̱', 'o', 'Ö Ò Ő Õ Ô Ó Ō Ṓ Ṑ Ō̂ Ō̃ Ȫ Ō̈ Ǭ Ȭ Ȱ O̱', 'O'],
  ['ø ø̄ œ̄', 'oe', 'Ø Ø̄ Œ̄', 'OE'],
  ['ř r̄ ṟ ṝ', 'r', 'Ř R̄ Ṟ Ṝ', 'R'],
  ['ß', 'ss', '', ''],
  ['š ś ș ş s̄ s̱', 's', 'Š Ś Ș Ş S̄ S̱', 'S'],
  ['ť ț t̄ ṯ', 't', 'Ť Ț T̄ Ṯ', 'T'],
  ['ü ù û ú ů ű ū ū́ ū̀ ū̂ ū̃ u̇̄ ǖ ṻ ṳ̄ u̱', 'u', 'Ü Ù Û Ú Ů Ű Ū Ū́ Ū̀ Ū̂ Ū̃ U̇̄ Ǖ Ṻ Ṳ̄ U̱', 'U'],
  ['ÿ ý ȳ ȳ́ ȳ̀ ȳ̃ y̱', 'y', 'Ÿ Ý Ȳ Ȳ́ Ȳ̀ Ȳ̃ Y̱', 'Y'],
  ['ź ž ż z̄ ẕ', 'z', 'Ź Ž Ż Z̄ Ẕ', 'Z'],
  // hrsync's Dutch addition.
  ['ĳ', 'ij', 'Ĳ', 'IJ'],
];

const REPLACEMENTS: ReadonlyMap<string, string> = new Map(
  ENTRA_TABLE.flatMap(([lower, lowerTo, upper, upperTo]) => [
    ...words(lower).map((c) => [c, lowerTo] as const),
    ...words(upper).map((c) => [c, upperTo] as const),
  ]),
);

function words(list: string): string[] {
  return list === '' ? [] : list.split(' ').map((c) => c.normalize('NFC'));
}

// Longest first, so "ā́" (ā + combining acute) wins over "ā".
const PATTERN = new RegExp(
  [...REPLACEMENTS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'gu',
);

/** Most names are plain ASCII; skipping the table for them keeps mappings fast. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** "Zoë" → "Zoe", "Ærøskøbing" → "AEroeskoebing", "Yılmaz" → "Yilmaz"; other characters are kept. */
export function normalizeDiacritics(text: string): string {
  if (isAscii(text)) return text;
  return text.normalize('NFC').replace(PATTERN, (c) => REPLACEMENTS.get(c) ?? c);
}
