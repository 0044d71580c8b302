import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords: argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes), the
 * OWASP baseline. Session ids and API tokens are 256-bit random values, so a fast sha-256 suffices
 * to store them: there is nothing to brute-force.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown e-mail addresses cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('not-a-real-password-but-the-same-cost');
  await verifyPassword(await dummyHash, password);
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

export const newSessionId = (): string => randomBytes(32).toString('base64url');

export const API_TOKEN_PREFIX = 'hrs_';
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const SESSION_COOKIE = 'hrsync_session';
