/**
 * Reading a file the user names, never more than a bound: a wrong path (a 5 GB log, /dev/zero,
 * /dev/urandom) is refused before it fills memory. One loop for the CLI's files
 * (src/cli/commands/text-file.ts) and the secret files of src/engine/secrets.ts. The core does no I/O
 * of its own: the caller opens the file (node:fs/promises `open`) and hands over the handle.
 */

/** What of a Node `Stats` is looked at. */
export interface FileStats {
  readonly size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What of a Node `FileHandle` is used. */
export interface OpenFile {
  stat(): Promise<FileStats>;
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: null,
  ): Promise<{ readonly bytesRead: number }>;
}

const PIECE = 1024 * 1024;

/**
 * The file's bytes, or undefined when it holds more than `maxBytes`. A regular file is judged by its
 * size before anything is read; a device or a pipe has no size, so at most one byte past the bound
 * is read from it.
 */
export async function readAtMost(file: OpenFile, maxBytes: number): Promise<Uint8Array | undefined> {
  const info = await file.stat();
  if (info.isFile() && info.size > maxBytes) return undefined;
  const pieces: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const piece = new Uint8Array(Math.min(PIECE, maxBytes - total + 1));
    const { bytesRead } = await file.read(piece, 0, piece.length, null);
    if (bytesRead === 0) break;
    pieces.push(piece.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return undefined;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

/** What a file that is not a regular file is, in words (`a FIFO (named pipe)`); undefined for a regular one. */
export function specialFileKind(info: FileStats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'an unknown kind of file';
}
