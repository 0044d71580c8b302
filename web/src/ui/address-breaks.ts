/**
 * Where a narrow column may break an e-mail address or UPN: before its "@" and before each "." of its
 * domain, so "cisca.muller@contoso.nl" wraps as "cisca.muller" / "@contoso.nl", never as
 * "cisca.muller@contoso.n" / "l" (a column's `overflow-wrap` breaks a word anywhere only where it has
 * no such point). The name before "@" stays whole; a hyphen in it still breaks. An attribute's
 * technical name moves whole to the next line, and only when wider than the column breaks between its
 * words: "employeeLeaveDate" / "Time", never "employeeLeaveDateT" / "ime" (technicalNames). Plain, so
 * the rules are tested without a browser; ui/breakable.tsx puts a `<wbr>` between the pieces.
 */

/** Longer than any e-mail address or UPN can be (RFC 5321: 254; Entra's UPN: 113): such a word is not one. */
const ADDRESS_MAX = 320;
/** A letter or a digit: a "." before one is a domain's, not a full stop. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The text in pieces, a line may break between any two; joined, they are the text. One pass over the
 * words, so a text of any length costs its length: a pattern that looked back from every "." to an "@"
 * took half a second for one word of 32,000 characters, and a value from AFAS can be that long.
 */
export function addressBreaks(text: string): readonly string[] {
  if (!text.includes('@')) return [text];
  const pieces: string[] = [''];
  for (const word of text.split(/(\s+)/)) {
    const at = word.indexOf('@', 1);
    // An address: an "@" with something before and after it, in a word no longer than an address.
    if (word.length > ADDRESS_MAX || at < 1 || at >= word.length - 1) {
      pieces[pieces.length - 1] += word;
      continue;
    }
    let from = 0;
    for (let i = at; i < word.length; i++) {
      const c = word[i];
      const point = c === '@' || (c === '.' && WORD_CHARACTER.test(word[i + 1] ?? ''));
      if (!point || i === from) continue;
      pieces[pieces.length - 1] += word.slice(from, i);
      pieces.push('');
      from = i;
    }
    pieces[pieces.length - 1] += word.slice(from);
  }
  return pieces;
}

/**
 * A camelCase name (an attribute's technical name): a lower-case word, then capitalised words; with
 * the punctuation right after it, which goes where the name goes (not to the start of a line).
 */
const CAMEL = /(?<![\p{L}\p{N}])[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+(?![\p{L}\p{N}])[,.;:!?)\]]*/gu;

/**
 * The text as plain runs and technical names (camelCase), each name as its words: a name is kept
 * whole on a line where it fits and broken between its words where it does not (ui/breakable.tsx).
 * Joined, the runs and words are the text; a name inside an address stays part of the address.
 */
export function technicalNames(text: string): readonly (string | readonly string[])[] {
  if (text.includes('@')) return [text];
  const parts: (string | readonly string[])[] = [];
  let from = 0;
  for (const match of text.matchAll(CAMEL)) {
    const at = match.index ?? 0;
    if (at > from) parts.push(text.slice(from, at));
    parts.push(match[0].split(/(?=[A-Z])/));
    from = at + match[0].length;
  }
  if (from < text.length || parts.length === 0) parts.push(text.slice(from));
  return parts;
}

/**
 * Where a narrow line may break a URL: after each "/" of its path, so ".../api/v1/ses" / "sion/..." never
 * happens; a piece wider than the line is the browser's to break.
 */
export function urlBreaks(url: string): readonly string[] {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  if (path < 0) return [url];
  const pieces: string[] = [url.slice(0, path + 1)];
  for (const piece of url.slice(path + 1).split(/(?<=\/)/)) if (piece) pieces.push(piece);
  return pieces;
}
