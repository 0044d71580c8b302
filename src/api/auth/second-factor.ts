/**
 * The TOTP second factor (RFC 6238 through the maintained `otpauth` library: SHA-1, 6 digits, 30 s,
 * what every authenticator app reads from an otpauth:// URI) and its recovery codes.
 *
 * A code is accepted for its own 30-second step and one step either side (clock drift), and never
 * twice: the store keeps the last step used and only a later one passes. Recovery codes are ten
 * random 10-character codes (50 bits each) stored as argon2id hashes; with that much entropy the
 * hash need not be as slow as a password's, so a lighter cost keeps checking ten of them quick.
 */
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import type { Store } from '../../store/index.ts';

export const TOTP_ISSUER = 'hrsync';
const PERIOD = 30;
const DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_HASH = { memoryCost: 4096, timeCost: 2 } as const;
/** A sign-in whose password was right waits this long for its code. */
export const PENDING_SECOND_FACTOR_SECONDS = 5 * 60;

const totp = (secret: string, account = '') =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

/** A new 160-bit secret, base32 (what the apps take when typed in). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export function enrolmentFor(secret: string, account: string) {
  return {
    secret,
    secretGroups: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
    uri: totp(secret, account).toString(),
    issuer: TOTP_ISSUER,
    account,
    algorithm: 'SHA1' as const,
    digits: 6 as const,
    period: 30 as const,
  };
}

/** The time step whose code `code` is (within one step of now), or null when it is none. */
export function matchingStep(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const generator = totp(secret);
  const delta = generator.validate({ token, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  return generator.counter({ timestamp: nowMs }) + delta;
}

export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

export const hashRecoveryCodes = (codes: readonly string[]): Promise<string[]> =>
  Promise.all(codes.map((c) => hash(normaliseRecoveryCode(c), RECOVERY_HASH)));

export type FactorCheck =
  | { readonly ok: true; readonly used: 'code' | 'recovery-code'; readonly recoveryCodesLeft?: number }
  | { readonly ok: false };

/**
 * Checks a code against a user's confirmed second factor and uses it up: a TOTP code's step (so it
 * cannot be replayed), or the one recovery code it matches. Wrong, replayed and used codes all fail.
 */
export async function spendSecondFactor(
  store: Store,
  organisationId: string,
  userId: string,
  code: string,
  nowMs: number,
): Promise<FactorCheck> {
  const factor = await store.secondFactors.get(organisationId, userId);
  if (!factor || factor.enabledAt === null) return { ok: false };
  const stored = await store.secondFactors.secret(organisationId, userId);
  if (!stored) return { ok: false };
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    const step = matchingStep(stored.secret, code, nowMs);
    if (step === null) return { ok: false };
    return (await store.secondFactors.spendStep(organisationId, userId, step))
      ? { ok: true, used: 'code' }
      : { ok: false };
  }
  const wanted = normaliseRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(wanted)) return { ok: false };
  const unused = await store.secondFactors.unusedRecoveryCodes(organisationId, userId);
  for (const candidate of unused) {
    if (await verifyQuietly(candidate.hash, wanted)) {
      if (!(await store.secondFactors.spendRecoveryCode(organisationId, candidate.id))) return { ok: false };
      return { ok: true, used: 'recovery-code', recoveryCodesLeft: unused.length - 1 };
    }
  }
  return { ok: false };
}

async function verifyQuietly(hashed: string, value: string): Promise<boolean> {
  try {
    return await verify(hashed, value);
  } catch {
    return false;
  }
}
