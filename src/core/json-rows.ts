/**
 * JSON.parse of a page of rows (an AFAS GetConnector page's `rows`, a Graph page's `value`) without
 * the page as one string (issue 13). A page's text is ~0.5–1.5 MB: V8 keeps a string that large in
 * its large-object space, where a scavenge that finds it alive (one nearly always runs while the page
 * is parsed) moves it to the old generation, and that is collected only by a full collection — rarely
 * during a run. At 50,000 persons the pages' texts were ~70 MB of the old generation's garbage at the
 * run's peak. Here each row is decoded and parsed on its own (a small young string that dies young),
 * and the rest of the page (its few other fields) once: the same value JSON.parse of the whole text
 * gives. Anything unexpected (no such array, unbalanced text, a row or the rest that does not parse)
 * falls back to JSON.parse of the whole text, so a malformed page fails exactly as before.
 */

const QUOTE = 0x22;

/**
 * bytes.toString('utf8', start, end), called once per kept value of every row: Buffer's own slice
 * method, when the runtime has it, without toString's wrapper (its encoding lookup and argument
 * checks took more of a run's profile than the decoding). Read through globalThis: the console's
 * bundle imports this module too, and a browser has no Buffer.
 */
const utf8Slice = (
  (globalThis as { Buffer?: typeof Buffer }).Buffer?.prototype as
    | { utf8Slice?: (start: number, end: number) => string }
    | undefined
)?.utf8Slice;
const utf8 =
  typeof utf8Slice === 'function'
    ? (bytes: Buffer, start: number, end: number): string => utf8Slice.call(bytes, start, end)
    : (bytes: Buffer, start: number, end: number): string => bytes.toString('utf8', start, end);
const BACKSLASH = 0x5c;

/**
 * Makes each row of a page as it is parsed: a source that keeps only some fields of its rows (the
 * AFAS reader's cut, engine/normalise/row-cut.ts) reads them straight from a row's bytes instead of
 * having JSON.parse make every field first and dropping half of them.
 */
export interface RowReader {
  /** What a row becomes, from JSON.parse's value of it (any JSON value, not only an object). */
  fromValue(value: unknown): unknown;
  /**
   * The same, read from the bytes of the row that starts at `start`; undefined when it cannot tell
   * (then the row is parsed and given to fromValue). After a value, `end` is where the row ends.
   * Must accept no text JSON.parse refuses: a page that does not parse fails as it did.
   */
  fromBytes(bytes: Buffer, start: number): unknown;
  readonly end: number;
}

/** A RowReader that makes each row from its parsed value alone. */
export function rowsMadeBy(make: (value: unknown) => unknown): RowReader {
  return { fromValue: make, fromBytes: () => undefined, end: 0 };
}

/**
 * The value of `bytes` as JSON (decoded as UTF-8, as Buffer#toString decodes it; a leading byte order
 * mark is skipped when `skipBom`, as TextDecoder and Response#text skip it), the top-level object's
 * array `key` parsed row by row; each row made by `reader` when one is given (every row of the
 * array `key`, however the page was parsed).
 */
export function parseJsonRows(bytes: Buffer, key: string, skipBom = false, reader?: RowReader): unknown {
  const start =
    skipBom && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const rows = rowsArray(bytes, start, key, reader);
    if (rows !== undefined) {
      const rest = JSON.parse(
        `${bytes.toString('utf8', start, rows.open)}[]${bytes.toString('utf8', rows.close + 1)}`,
      ) as unknown;
      const value = (rest as Record<string, unknown>)[key];
      // A second `key` later in the object would win in JSON.parse: then the page is parsed whole.
      if (Array.isArray(value) && value.length === 0) {
        (rest as Record<string, unknown>)[key] = rows.values;
        return rest;
      }
    }
  } catch {
    // Parsed whole below: its error is the one JSON.parse of the text gives.
  }
  const whole = JSON.parse(bytes.toString('utf8', start)) as unknown;
  if (reader !== undefined && typeof whole === 'object' && whole !== null) {
    const rows = (whole as Record<string, unknown>)[key];
    if (Array.isArray(rows)) for (let i = 0; i < rows.length; i++) rows[i] = reader.fromValue(rows[i]);
  }
  return whole;
}

interface RowsArray {
  /** Positions of the array's `[` and `]`. */
  readonly open: number;
  readonly close: number;
  /** The rows, parsed (and made by the reader, when there is one). */
  readonly values: unknown[];
}

/**
 * Where the top-level object's array `key` is, and its rows parsed; undefined if the text is not such
 * an object. Throws when a row does not parse.
 */
function rowsArray(bytes: Buffer, start: number, key: string, reader?: RowReader): RowsArray | undefined {
  const n = bytes.length;
  let i = skipSpace(bytes, start);
  if (bytes[i] !== 0x7b) return undefined; // {
  i++;
  // The top-level object's members: a key, then its value (skipped unless it is the array).
  for (;;) {
    i = skipSpace(bytes, i);
    if (bytes[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(bytes, i);
    if (keyEnd < 0) return undefined;
    const isKey = bytes.toString('utf8', i, keyEnd + 1) === JSON.stringify(key);
    i = skipSpace(bytes, keyEnd + 1);
    if (bytes[i] !== 0x3a) return undefined; // :
    i = skipSpace(bytes, i + 1);
    if (isKey && bytes[i] === 0x5b) return rowsOf(bytes, i, reader);
    i = valueEnd(bytes, i);
    if (i < 0) return undefined;
    i = skipSpace(bytes, i);
    if (bytes[i] !== 0x2c || i >= n) return undefined; // , (the array not found before the object's end)
    i++;
  }
}

/** The rows of the array opening at `open`, each parsed on its own (a small young string each). */
function rowsOf(bytes: Buffer, open: number, reader?: RowReader): RowsArray | undefined {
  const values: unknown[] = [];
  let i = skipSpace(bytes, open + 1);
  if (bytes[i] === 0x5d) return { open, close: i, values }; // ]
  for (;;) {
    const rowStart = i;
    const read = reader?.fromBytes(bytes, i);
    if (read !== undefined && reader !== undefined) {
      values.push(read);
      i = reader.end;
    } else {
      i = valueEnd(bytes, i);
      if (i < 0) return undefined;
      const value = JSON.parse(utf8(bytes, rowStart, i)) as unknown;
      values.push(reader === undefined ? value : reader.fromValue(value));
    }
    i = skipSpace(bytes, i);
    if (bytes[i] === 0x5d) return { open, close: i, values };
    if (bytes[i] !== 0x2c) return undefined;
    i = skipSpace(bytes, i + 1);
  }
}

/**
 * Reads a row that is a flat object with exactly the members `keys` (each key's UTF-8 bytes, in this
 * order) from `bytes` at `start`: the value of member m goes to `values[keptAt[m]]` when that is 0 or
 * more (a string through `share`, with that index), the others are only checked. Returns where the row
 * ends (exclusive), or −1 when it is anything else — other keys or another order, a key written with an
 * escape, a nested value — or is not JSON: the caller then parses the row with JSON.parse, which makes
 * the same values (or refuses the same text).
 */
export function readFlatRow(
  bytes: Buffer,
  start: number,
  keys: readonly Uint8Array[],
  keptAt: Int32Array,
  values: unknown[],
  share: (value: string, kept: number) => string,
): number {
  if (bytes[start] !== 0x7b) return -1; // {
  let i = skipSpace(bytes, start + 1);
  const n = keys.length;
  if (n === 0) return bytes[i] === 0x7d ? i + 1 : -1;
  for (let m = 0; m < n; m++) {
    if (bytes[i] !== QUOTE) return -1;
    const key = keys[m] as Uint8Array;
    const from = i + 1;
    const length = key.length;
    if (bytes[from + length] !== QUOTE) return -1;
    for (let j = 0; j < length; j++) if (bytes[from + j] !== key[j]) return -1;
    i = skipSpace(bytes, from + length + 1);
    if (bytes[i] !== 0x3a) return -1; // :
    i = skipSpace(bytes, i + 1);
    const kept = keptAt[m] as number;
    const c = bytes[i];
    if (c === QUOTE) {
      let escaped = false;
      let j = i + 1;
      for (; ; j++) {
        const d = bytes[j];
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          j++;
        } else if (d === undefined || d < 0x20) return -1; // the end, or a control character JSON refuses
      }
      if (escaped) {
        // Escapes are JSON.parse's to read (and to refuse).
        let text: unknown;
        try {
          text = JSON.parse(utf8(bytes, i, j + 1));
        } catch {
          return -1;
        }
        if (kept >= 0) values[kept] = share(text as string, kept);
      } else if (kept >= 0) values[kept] = share(utf8(bytes, i + 1, j), kept);
      i = j + 1;
    } else if (c === 0x6e) {
      // null
      if (bytes[i + 1] !== 0x75 || bytes[i + 2] !== 0x6c || bytes[i + 3] !== 0x6c) return -1;
      if (kept >= 0) values[kept] = null;
      i += 4;
    } else if (c === 0x74) {
      // true
      if (bytes[i + 1] !== 0x72 || bytes[i + 2] !== 0x75 || bytes[i + 3] !== 0x65) return -1;
      if (kept >= 0) values[kept] = true;
      i += 4;
    } else if (c === 0x66) {
      // false
      if (bytes[i + 1] !== 0x61 || bytes[i + 2] !== 0x6c || bytes[i + 3] !== 0x73 || bytes[i + 4] !== 0x65)
        return -1;
      if (kept >= 0) values[kept] = false;
      i += 5;
    } else {
      const end = numberEnd(bytes, i);
      if (end < 0) return -1;
      // A number as JSON writes it: Number() reads it to the same double JSON.parse gives.
      if (kept >= 0) values[kept] = Number(bytes.toString('latin1', i, end));
      i = end;
    }
    i = skipSpace(bytes, i);
    if (m < n - 1) {
      if (bytes[i] !== 0x2c) return -1; // ,
      i = skipSpace(bytes, i + 1);
    } else if (bytes[i] !== 0x7d) return -1; // }
  }
  return i + 1;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** The end of the JSON number at `i` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or −1. */
function numberEnd(bytes: Buffer, i: number): number {
  if (bytes[i] === 0x2d) i++; // -
  if (bytes[i] === 0x30) i++;
  else if (isDigit(bytes[i])) while (isDigit(bytes[i])) i++;
  else return -1;
  if (bytes[i] === 0x2e) {
    // .
    i++;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i++;
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    // e E
    i++;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i++;
  }
  return i;
}

/**
 * The end (exclusive) of the value starting at `i`: a string, an object or array (brackets counted
 * outside strings), or a number or literal (up to the next `,`, `]`, `}` or space). −1 if unbalanced.
 * Only the structure is checked: JSON.parse of the piece checks the rest.
 */
function valueEnd(bytes: Buffer, i: number): number {
  const n = bytes.length;
  const first = bytes[i];
  if (first === QUOTE) {
    const end = stringEnd(bytes, i);
    return end < 0 ? -1 : end + 1;
  }
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (; i < n; i++) {
      const c = bytes[i] as number;
      if (c === QUOTE) {
        i = stringEnd(bytes, i);
        if (i < 0) return -1;
      } else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  for (; i < n; i++) {
    const c = bytes[i];
    if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
      return i;
  }
  return -1;
}

/** The position of the quote closing the string that opens at `open`, or −1. */
function stringEnd(bytes: Buffer, open: number): number {
  const n = bytes.length;
  for (let i = open + 1; i < n; i++) {
    const c = bytes[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

function skipSpace(bytes: Buffer, i: number): number {
  for (;;) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Whether `bytes.toString('utf8').trim()` is empty, without decoding a body that is not. */
export function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0b && c !== 0x0c)
      // White space beyond ASCII (a byte order mark, a no-break space) is trimmed too: decode to know.
      return c >= 0x80 && bytes.toString('utf8').trim() === '';
  }
  return true;
}
