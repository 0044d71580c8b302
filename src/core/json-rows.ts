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
const BACKSLASH = 0x5c;

/**
 * The value of `bytes` as JSON (decoded as UTF-8, as Buffer#toString decodes it; a leading byte order
 * mark is skipped when `skipBom`, as TextDecoder and Response#text skip it), the top-level object's
 * array `key` parsed row by row.
 */
export function parseJsonRows(bytes: Buffer, key: string, skipBom = false): unknown {
  const start =
    skipBom && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const rows = rowsArray(bytes, start, key);
  if (rows !== undefined) {
    try {
      const rest = JSON.parse(
        `${bytes.toString('utf8', start, rows.open)}[]${bytes.toString('utf8', rows.close + 1)}`,
      ) as unknown;
      const value = (rest as Record<string, unknown>)[key];
      // A second `key` later in the object would win in JSON.parse: then the page is parsed whole.
      if (Array.isArray(value) && value.length === 0) {
        const parsed: unknown[] = [];
        for (let i = 0; i < rows.bounds.length; i += 2)
          parsed.push(JSON.parse(bytes.toString('utf8', rows.bounds[i], rows.bounds[i + 1])));
        (rest as Record<string, unknown>)[key] = parsed;
        return rest;
      }
    } catch {
      // Parsed whole below: its error is the one JSON.parse of the text gives.
    }
  }
  return JSON.parse(bytes.toString('utf8', start));
}

interface RowsArray {
  /** Positions of the array's `[` and `]`. */
  readonly open: number;
  readonly close: number;
  /** Each row's start and end (exclusive), in turn. */
  readonly bounds: number[];
}

/** Where the top-level object's array `key` and its rows are, or undefined if the text is not such. */
function rowsArray(bytes: Buffer, start: number, key: string): RowsArray | undefined {
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
    if (isKey && bytes[i] === 0x5b) return rowsOf(bytes, i);
    i = valueEnd(bytes, i);
    if (i < 0) return undefined;
    i = skipSpace(bytes, i);
    if (bytes[i] !== 0x2c || i >= n) return undefined; // , (the array not found before the object's end)
    i++;
  }
}

/** The rows of the array opening at `open`. */
function rowsOf(bytes: Buffer, open: number): RowsArray | undefined {
  const bounds: number[] = [];
  let i = skipSpace(bytes, open + 1);
  if (bytes[i] === 0x5d) return { open, close: i, bounds }; // ]
  for (;;) {
    const rowStart = i;
    i = valueEnd(bytes, i);
    if (i < 0) return undefined;
    bounds.push(rowStart, i);
    i = skipSpace(bytes, i);
    if (bytes[i] === 0x5d) return { open, close: i, bounds };
    if (bytes[i] !== 0x2c) return undefined;
    i = skipSpace(bytes, i + 1);
  }
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
