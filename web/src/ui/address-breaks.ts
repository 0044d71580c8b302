/**
 * Where a narrow column may break an e-mail address or UPN: before its "@" and before each "." of its
 * domain, so "cisca.muller@contoso.nl" wraps as "cisca.muller" / "@contoso.nl", never as
 * "cisca.muller@contoso.n" / "l" (a column's `overflow-wrap` breaks a word anywhere only where it has
 * no such point). The name before "@" stays whole; a hyphen in it still breaks. An attribute's
 * technical name moves whole to the next line, and only when wider than the column breaks between its
 * words: "employeeLeaveDate" / "Time", never "employeeLeaveDateT" / "ime" (technicalNames). Plain, so the rules are tested without a browser;
 * ui/breakable.tsx puts a `<wbr>` between the pieces.
 */

/** An address-like word: something@something. */
const ADDRESS = /(\S+@\S+)/;
/** Before "@", and before a "." after it that has a letter or digit after it (not a full stop). */
const POINT = /(?=@)|(?<=@.*)(?=\.[\p{L}\p{N}])/u;

/** The text in pieces, a line may break between any two; joined, they are the text. */
export function addressBreaks(text: string): readonly string[] {
  if (!text.includes('@')) return [text];
  const pieces: string[] = [];
  text.split(ADDRESS).forEach((part, i) => {
    if (i % 2 === 0) {
      // Text around the addresses joins the piece before or after it: no break is added there.
      if (pieces.length === 0) pieces.push(part);
      else pieces[pieces.length - 1] += part;
      return;
    }
    const [first = '', ...rest] = part.split(POINT);
    pieces[pieces.length - 1] += first;
    pieces.push(...rest);
  });
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
