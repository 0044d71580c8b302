/** Reads a text file the user writes as UTF-8 only (src/core/utf8-text.ts says why). */
import { readFile } from 'node:fs/promises';
import { decodeText } from '../../core/utf8-text.ts';

export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path));
}

/**
 * Node 20's JSON.parse says where a text breaks as a character offset ("at position 4661"), which
 * nobody can find in an editor: say the line and column instead (newer Node versions add them).
 */
export function jsonErrorWhere(text: string, message: string): string {
  const at = / at position (\d+)/.exec(message);
  if (!at || /\bline \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return message.replace(at[0], ` at line ${line}, column ${column}`);
}
