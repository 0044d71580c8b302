/**
 * Why a file could not be read or written, in words rather than the system's error code (ENOENT,
 * EISDIR, …): for the CLI's files and for a secret read from a file (src/engine/secrets.ts).
 */
/** Why a file could not be read. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Why a file could not be written: there ENOENT means a folder on the way, not the file being created. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' ? 'a folder in the path does not exist' : fileProblem(error);
}
