import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const b64 = (b: Buffer) => b.toString('base64url');

/**
 * AES-256-GCM with the secret's id (and organisation) as associated data: a ciphertext copied onto
 * another row or organisation does not decrypt. The key never leaves this object.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`the secret key must be ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  /** A stable, non-reversible fingerprint so a process can tell it holds the key the database expects. */
  fingerprint(): string {
    return createHash('sha256').update('hrsync-key-check:').update(this.#key).digest('base64url');
  }

  seal(plaintext: string, associated: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  open(sealed: string, associated: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('unknown secret format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  // Keep the key out of console.log / util.inspect / JSON.
  toJSON(): string {
    return '[SecretBox]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[SecretBox]';
  }
}

/** Parses a configured key: 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error('the secret key must be 32 bytes, written as 64 hex characters or base64');
  }
  return key;
}

/**
 * Reads `<dataDir>/secret.key`, or creates it with owner-only permissions on first start. A machine
 * that joins a PostgreSQL deployment must be given the same key (HRSYNC_SECRET_KEY).
 */
export function loadOrCreateKeyFile(dataDir: string): { key: Buffer; created: boolean; path: string } {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return { key: parseSecretKey(readFileSync(path, 'utf8')), created: false, path };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, created: true, path };
}
