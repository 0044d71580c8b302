/**
 * Text the user writes (a configuration, attributes for `hrsync expr`, a secret's file) is read as
 * UTF-8 and nothing else. Node's 'utf8' decoding turns bytes that are not UTF-8 into U+FFFD without a
 * word: a configuration saved as Windows-1252 ("ANSI" in Notepad) with "Zoë" in a scoping filter
 * would silently match nobody, and a person leaving scope is disabled. A UTF-8 byte-order mark, which
 * Notepad and PowerShell write, is dropped; UTF-16 (PowerShell 5's `>`) is named as such.
 */

/**
 * The text; throws an Error whose message says in words why the bytes are not UTF-8 text, and where
 * the first bad byte is unless `where` is false (a secret's file: nothing of the secret is named).
 */
export function decodeText(bytes: Uint8Array, options: { readonly where?: boolean } = {}): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error('it is saved as UTF-16 text; save it as UTF-8');
  }
  try {
    // fatal: refuse what is not UTF-8; a leading byte-order mark is dropped (ignoreBOM is false).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const where = options.where === false ? '' : ` (${firstInvalidByte(bytes)})`;
    throw new Error(`it is not UTF-8 text${where}; save it as UTF-8`);
  }
}

/** "byte 0xEB at line 3, column 17": where the first byte is that does not decode. */
function firstInvalidByte(bytes: Uint8Array): string {
  // The shortest prefix that does not decode ends at the bad byte. Decoding a prefix in streaming
  // mode lets a sequence cut at its end pass, so the test is monotone and can be searched.
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (decodes(mid)) good = mid;
    else bad = mid;
  }
  // The byte that broke it may end a sequence begun up to 3 bytes before (0xEB then '"'): name that
  // sequence's first byte, the one the user typed.
  const last = bad - 1;
  let at = last;
  for (let k = 1; k <= 3 && last - k >= 0; k++) {
    const b = bytes[last - k] ?? 0;
    if (b >= 0x80 && b < 0xc0) continue;
    if (b >= 0xc0 && (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k) at = last - k;
    break;
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(0, lineStart).split('\n').length;
  const column = [...before.slice(lineStart)].length + 1;
  const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return `byte 0x${hex} at line ${line}, column ${column}`;
}
