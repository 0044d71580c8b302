import { changeCase } from './case-mapping.ts';

// .NET ToTitleCase's word separators: spaces, controls, format characters and every punctuation
// and symbol category. An apostrophe inside a word does not end it ("o'neill" → "O'neill").
const SEPARATOR = /[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;
const LETTER = /\p{L}/u;

// ASCII answers without a Unicode-property regex: names are nearly always ASCII.
function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(c);
}

function isSeparator(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80)
    return !((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122));
  return SEPARATOR.test(c);
}

/**
 * Proper case: everything lower case, then the first letter of each word upper case. Without
 * separators a word starts at a letter after a separator (as .NET's ToTitleCase); with separators
 * only those characters split words and each word's first character is upper-cased.
 */
export function properCase(text: string, separators: string | undefined): string {
  const lower = changeCase(text, 'lower', undefined);
  let out = '';
  let inWord = false;
  for (const c of lower) {
    if (separators !== undefined) {
      const separates = separators.includes(c);
      out += !separates && !inWord ? changeCase(c, 'upper', undefined) : c;
      inWord = !separates;
    } else if (inWord) {
      out += c;
      if (c !== "'" && isSeparator(c)) inWord = false;
    } else if (isLetter(c)) {
      out += changeCase(c, 'upper', undefined);
      inWord = true;
    } else {
      out += c;
    }
  }
  return out;
}
