/**
 * Turns a configuration's secret reference into the secret itself. Messages name where the secret
 * was looked for (variable, file, stored id), never what it holds (DESIGN.md invariant 6).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileProblem } from '../core/file-problem.ts';
import { HrsyncError, type SecretRef } from '../core/index.ts';
import { decodeText } from '../core/utf8-text.ts';

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
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw unresolved(`secret file ${path} could not be read: ${fileProblem(error)}`, error);
    }
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
