/** Reads a text file the user writes as UTF-8 only (src/core/utf8-text.ts says why). */
import { readFile } from 'node:fs/promises';
import { decodeText } from '../../core/utf8-text.ts';

export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path));
}
