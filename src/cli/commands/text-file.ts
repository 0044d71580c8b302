/** Reads a text file the user writes as UTF-8 only (src/core/utf8-text.ts says why). */
import { open } from 'node:fs/promises';
import { readAtMost } from '../../core/bounded-read.ts';
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
    // A device or a pipe has no size to check: readAtMost reads at most one byte past the limit.
    const bytes = await readAtMost(file, max);
    if (bytes === undefined) throw tooLarge();
    return decodeText(bytes);
  } finally {
    await file.close();
  }
}
