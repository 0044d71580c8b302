/**
 * The initial password of a new account: random, strong, never stored, logged, audited or returned
 * (as Microsoft's HR-to-AD agent does). It satisfies Windows' complexity rule — all four character
 * classes, and none of the sAMAccountName's or display name's parts of three characters or more —
 * so it passes a domain policy Samba does not even check. Hand-over is the customer's onboarding
 * (Temporary Access Pass, self-service reset); with pwdLastSet 0 the user must change it anyway.
 */
import { randomInt } from 'node:crypto';

const CLASSES = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@^_~',
] as const;
const ALL = CLASSES.join('');

export function initialPassword(forbiddenParts: readonly string[], length = 24): string {
  const parts = forbiddenParts
    .flatMap((p) => p.split(/[\s,.\-_#\t]+/))
    .map((p) => p.toLowerCase())
    .filter((p) => p.length >= 3);
  for (;;) {
    const chars = CLASSES.map(pick);
    while (chars.length < length) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const password = chars.join('');
    const lower = password.toLowerCase();
    if (!parts.some((p) => lower.includes(p))) return password;
  }
}

const pick = (set: string): string => set[randomInt(set.length)] as string;

/** unicodePwd's value: the password in double quotes, UTF-16LE (MS-ADTS 3.1.1.3.1.5.1). */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}
