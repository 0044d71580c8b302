/** Reads a text file the user writes as UTF-8 only (src/core/utf8-text.ts says why). */
import { open } from 'node:fs/promises';
import { decodeText } from '../../core/utf8-text.ts';

/**
 * The most read from a file the user names (a configuration is kilobytes): a wrong file, a device
 * such as /dev/zero or a runaway pipe is refused instead of read until memory runs out.
 */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The file's text; a file over `maxBytes` (or a device that gives more) throws an Error whose message
 * says so in words, as decodeText's do. The run state, which hrsync itself writes and which grows with
 * the tenant, passes Infinity.
 */
export async function readTextFile(
  path: string,
  options: { readonly maxBytes?: number } = {},
): Promise<string> {
  const max = options.maxBytes ?? MAX_BYTES;
  const tooLarge = () =>
    new Error(
      `it is larger than ${max / 1024 / 1024} MB, the most hrsync reads from such a file; is it the right file?`,
    );
  const file = await open(path, 'r');
  try {
    const info = await file.stat();
    if (info.isFile() && info.size > max) throw tooLarge();
    // A device or a pipe has no size to check: read it in pieces, at most one past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(1024 * 1024, max - total + 1));
      const { bytesRead } = await file.read(piece, 0, piece.length, null);
      if (bytesRead === 0) break;
      chunks.push(piece.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw tooLarge();
    }
    return decodeText(Buffer.concat(chunks, total));
  } finally {
    await file.close();
  }
}
