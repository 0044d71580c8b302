/**
 * Why a file could not be read or written, in words rather than the system's error code (ENOENT,
 * ENOSPC, …): one table for every file the CLI reads or writes (--out, init's configuration, an
 * export, the emulators' --data and demo-data --out) and for a secret read from a file
 * (src/engine/secrets.ts). The caller names the file: "cannot write plan.csv: the disk is full".
 */

/** What each system error code means for a file, in words. */
export const FILE_ERROR_WORDS: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  // A process's file-size limit (ulimit -f, prlimit --fsize), or the file system's largest file.
  EFBIG: 'the file would be larger than the file-size limit allows (ulimit -f)',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'the path has too many symbolic links (a loop?)',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'the file is in use',
  ETXTBSY: 'the file is a program that is running',
  EEXIST: 'the file exists',
});

/** Why a file could not be read (or written, when the code means the same either way). */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && Object.hasOwn(FILE_ERROR_WORDS, code)) return FILE_ERROR_WORDS[code] as string;
  // A code the table does not know: the system's own sentence, which says more than the code.
  return error instanceof Error ? error.message : (code ?? String(error));
}

/** Why a file could not be written: there ENOENT means a folder on the way, not the file being created. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' ? 'a folder in the path does not exist' : fileProblem(error);
}
