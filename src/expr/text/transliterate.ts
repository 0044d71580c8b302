/**
 * Transliteration to ASCII for generated identifiers (user names, mail nicknames, e-mail
 * addresses): every script, not only accented Latin letters — ı → i, ß → ss, æ → ae, ø → o, ł → l,
 * đ → d, þ → th, Владимир → Vladimir, Αλέξανδρος → Alexandros — through the maintained `any-ascii`
 * tables. Dutch rules come first: the ĳ ligature is the two letters ij, and typographic apostrophes
 * (’t Hart, d’Hondt) are plain ones.
 */
import anyAscii from 'any-ascii';
import { isAscii } from './normalize-diacritics.ts';

const DUTCH: Readonly<Record<string, string>> = { ĳ: 'ij', Ĳ: 'IJ', '’': "'", '‘': "'", ʼ: "'" };
const DUTCH_PATTERN = /[ĳĲ’‘ʼ]/g;

export function transliterate(text: string): string {
  if (isAscii(text)) return text;
  return anyAscii(text.replace(DUTCH_PATTERN, (c) => DUTCH[c] ?? c));
}
