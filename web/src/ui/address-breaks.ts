/**
 * Where a narrow column may break an e-mail address or UPN: before its "@" and before each "." of its
 * domain, so "cisca.muller@contoso.nl" wraps as "cisca.muller" / "@contoso.nl", never as
 * "cisca.muller@contoso.n" / "l" (a column's `overflow-wrap` breaks a word anywhere only where it has
 * no such point). The name before "@" stays whole; a hyphen in it still breaks. An attribute's
 * technical name breaks between its words: "employeeLeaveDateTime" as "employeeLeave" / "DateTime", not
 * "employeeLeaveDateT" / "ime" (wordBreaks). Plain, so the rules are tested without a browser;
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

/** A camelCase name (an attribute's technical name): a lower-case word, then capitalised words. */
const CAMEL = /(?<![\p{L}\p{N}])[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+(?![\p{L}\p{N}])/gu;

/**
 * addressBreaks, and in every piece a camelCase name may break before each of its capitalised words
 * (the pieces between never split one such word). Joined, the pieces are the text.
 */
export function wordBreaks(text: string): readonly string[] {
  const pieces: string[] = [];
  for (const piece of addressBreaks(text)) {
    let from = 0;
    let current = '';
    for (const match of piece.matchAll(CAMEL)) {
      const at = match.index ?? 0;
      const words = match[0].split(/(?=[A-Z])/);
      current += piece.slice(from, at) + (words[0] as string);
      for (const word of words.slice(1)) {
        pieces.push(current);
        current = word;
      }
      from = at + match[0].length;
    }
    pieces.push(current + piece.slice(from));
  }
  return pieces;
}
