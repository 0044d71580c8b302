/**
 * Turns a configuration's secret reference into the secret itself. Messages name where the secret
 * was looked for (variable, file, stored id), never what it holds (DESIGN.md invariant 6).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readAtMost, specialFileKind } from '../core/bounded-read.ts';
import { fileProblem } from '../core/file-problem.ts';
import { HrsyncError, type SecretRef } from '../core/index.ts';
import { decodeText } from '../core/utf8-text.ts';

/**
 * The most a secret file holds. A client secret is 40 characters and an AFAS token about 100; the
 * largest secret, a PEM certificate with its private key (RSA 4096) and a chain of intermediates, is
 * 10 to 20 KB. 64 KiB leaves room for that three times over and still refuses a wrong path (a log,
 * a database, /dev/zero) before it fills memory.
 */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

export interface ResolveSecretOptions {
  /** Folder that relative `{ file }` paths are resolved against (the configuration file's folder). */
  readonly baseDir?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Decrypts a secret held by the hrsync service; absent for the CLI. */
  readonly stored?: (id: string) => Promise<string>;
}

export async function resolveSecret(ref: SecretRef, options: ResolveSecretOptions): Promise<string> {
  if ('value' in ref) return nonEmpty(ref.value, 'the inline secret value');
  if ('env' in ref) {
    const value = options.env[ref.env];
    if (value === undefined) throw unresolved(`environment variable ${ref.env} is not set`);
    return nonEmpty(value, `environment variable ${ref.env}`);
  }
  if ('file' in ref) {
    const path = resolve(options.baseDir ?? process.cwd(), ref.file);
    const bytes = await readSecretFile(path);
    // Files written by editors and `echo` end in a newline that is no part of the secret.
    let text: string;
    try {
      // UTF-8 only: a token saved as UTF-16 or Windows-1252 would otherwise be sent garbled.
      text = decodeText(bytes, { where: false });
    } catch (error) {
      throw unresolved(`secret file ${path}: ${(error as Error).message}`);
    }
    return nonEmpty(text.trim(), `secret file ${path}`);
  }
  if (options.stored === undefined) {
    throw unresolved(`stored secret ${ref.stored} can only be resolved by the hrsync service`);
  }
  let value: string;
  try {
    value = await options.stored(ref.stored);
  } catch (error) {
    throw unresolved(`stored secret ${ref.stored} could not be decrypted or was not found`, error);
  }
  return nonEmpty(value, `stored secret ${ref.stored}`);
}

/**
 * At most MAX_SECRET_FILE_BYTES of a regular file. Opened without blocking, so a FIFO nobody writes to
 * is refused rather than waited on for ever (a plain open would wait for a writer); a device or a pipe
 * is no place for a secret, and reading one may never end.
 */
async function readSecretFile(path: string): Promise<Uint8Array> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unresolved(`secret file ${path} could not be read: ${fileProblem(error)}`, error);
  }
  try {
    const info = await file.stat();
    if (info.isDirectory())
      throw unresolved(`secret file ${path} could not be read: it is a folder, not a file`);
    const kind = specialFileKind(info);
    if (kind !== undefined)
      throw unresolved(
        `secret file ${path} is ${kind}, not a regular file; a secret file holds only the secret`,
      );
    const bytes = await readAtMost(file, MAX_SECRET_FILE_BYTES);
    if (bytes === undefined)
      throw unresolved(
        `secret file ${path} is larger than ${MAX_SECRET_FILE_BYTES / 1024} KiB; a secret file holds only the secret`,
      );
    return bytes;
  } catch (error) {
    if (error instanceof HrsyncError) throw error;
    throw unresolved(`secret file ${path} could not be read: ${fileProblem(error)}`, error);
  } finally {
    await file.close();
  }
}

function nonEmpty(value: string, where: string): string {
  if (value.trim() === '') throw unresolved(`${where} is empty`);
  return value;
}

function unresolved(message: string, cause?: unknown): HrsyncError {
  return new HrsyncError(
    'HRS_SECRET_UNRESOLVED',
    `Secret not resolved: ${message}.`,
    cause === undefined ? {} : { cause },
  );
}
