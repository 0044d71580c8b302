/**
 * A file a command is about to write, checked before the command does anything else: a sync that
 * has applied its plan must not then fail on writing its report, and the report must never replace a
 * file the user needs (`--out conn.json` used to overwrite the configuration with the run items).
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeProblem } from '../../core/file-problem.ts';

/** A file the output may not be, and what it is, e.g. "the connection configuration". */
export interface KeptFile {
  readonly path: string;
  readonly is: string;
}

/** Why `path` cannot be written as the output, in words; null when it can. */
export async function outputFileProblem(path: string, kept: readonly KeptFile[]): Promise<string | null> {
  const existing = await stat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : e));
  if (existing instanceof Error) return writeProblem(existing);
  if (existing?.isDirectory()) return 'it is a folder, not a file';
  for (const file of kept) {
    if (await sameFile(path, existing, file.path)) return `it is ${file.is}; name another file with --out`;
  }
  try {
    await access(dirname(resolve(path)), constants.W_OK);
  } catch (e) {
    return writeProblem(e);
  }
  return null;
}

/** By identity (device and inode) when both exist, so a link or another spelling of the path counts. */
async function sameFile(
  path: string,
  existing: Awaited<ReturnType<typeof stat>> | null,
  other: string,
): Promise<boolean> {
  if (existing === null) return resolve(path) === resolve(other);
  const kept = await stat(other).catch(() => null);
  return kept !== null && kept.dev === existing.dev && kept.ino === existing.ino;
}
