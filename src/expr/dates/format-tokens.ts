import { BoundedCache } from '../text/bounded-cache.ts';

export type FieldLetter = 'y' | 'M' | 'd' | 'h' | 'H' | 'm' | 's' | 'f' | 'F' | 't' | 'z' | 'K' | 'g';

export type FormatToken =
  | { readonly kind: 'field'; readonly letter: FieldLetter; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string };

const FIELD_LETTERS = new Set<string>(['y', 'M', 'd', 'h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'K', 'g']);

/** .NET standard formats (one letter) as invariant-culture custom patterns. */
const STANDARD: Readonly<Record<string, string>> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

// Formats come from expressions (few, repeated for every person), so tokenising once pays.
const cache = new BoundedCache<string, readonly FormatToken[] | string>(256);

/**
 * Tokenises a .NET date/time format string: custom specifiers (`yyyy`, `MM`, `dd`, `HH`, `h`, `mm`,
 * `ss`, `f…`, `F…`, `tt`, `zzz`, `K`, `g`), quoted literals, `\` escapes, `%` for a lone specifier,
 * and the one-letter standard formats. Returns a message when the format is malformed.
 */
export function tokenizeFormat(format: string): readonly FormatToken[] | string {
  let tokens = cache.get(format);
  if (tokens === undefined) {
    tokens = tokenize(format);
    cache.set(format, tokens);
  }
  return tokens;
}

function tokenize(format: string): readonly FormatToken[] | string {
  if (format === '') return 'the format is empty';
  if (format.length === 1) {
    const standard = STANDARD[format];
    return standard === undefined ? `'${format}' is not a standard .NET date format` : tokenize(standard);
  }
  const tokens: FormatToken[] = [];
  const literal = (text: string) => {
    const last = tokens.at(-1);
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (FIELD_LETTERS.has(c)) {
      let count = 1;
      while (format[i + count] === c) count++;
      if ((c === 'f' || c === 'F') && count > 7) return `'${c.repeat(count)}': at most 7 fraction digits`;
      tokens.push({ kind: 'field', letter: c as FieldLetter, count });
      i += count;
    } else if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      while (j < format.length && format[j] !== c) {
        if (format[j] === '\\' && j + 1 < format.length) j++;
        text += format[j];
        j++;
      }
      if (j >= format.length) return `quoted text starting at position ${i + 1} is not closed`;
      literal(text);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= format.length) return 'the format ends with a lone backslash';
      literal(format[i + 1]!);
      i += 2;
    } else if (c === '%') {
      const next = format[i + 1];
      if (next === undefined || !FIELD_LETTERS.has(next)) return "'%' must be followed by a format specifier";
      tokens.push({ kind: 'field', letter: next as FieldLetter, count: 1 });
      i += 2;
    } else {
      literal(c);
      i++;
    }
  }
  return tokens;
}
