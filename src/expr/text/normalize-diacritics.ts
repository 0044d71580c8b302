/**
 * Letters that do not decompose into base letter + accent, mapped as Entra's NormalizeDiacritics
 * table maps them (æ→ae, ø→oe, ß→ss, ł→l, ı→i), plus œ, đ and the Dutch ĳ ligature, which the
 * table leaves out but which must not reach a user principal name.
 */
const LETTERS: Readonly<Record<string, string>> = {
  æ: 'ae',
  Æ: 'AE',
  ø: 'oe',
  Ø: 'OE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  đ: 'd',
  Đ: 'D',
  ĳ: 'ij',
  Ĳ: 'IJ',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const MARKS = /\p{M}/gu;

/** Most names are plain ASCII; skipping NFD for them keeps mappings fast. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Removes accents: "Zoë" → "Zoe", "Ærøskøbing" → "AEroeskoebing". Other characters are kept. */
export function normalizeDiacritics(text: string): string {
  if (isAscii(text)) return text;
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c)
    .normalize('NFC');
}
