/**
 * Initial passwords for new accounts. Nobody is told this password: the account is handed over by the
 * customer's own onboarding (Temporary Access Pass, self-service reset) and the user must change it at
 * first sign-in. It only has to satisfy Entra's policy (8–256 characters, 3 of 4 character classes).
 */
import { randomInt } from 'node:crypto';

const CLASSES = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@^_~',
] as const;
const ALL = CLASSES.join('');

export function strongPassword(length = 24): string {
  if (length < CLASSES.length) throw new RangeError('a password needs room for every character class');
  const chars = CLASSES.map((set) => pick(set));
  while (chars.length < length) chars.push(pick(ALL));
  // Fisher–Yates, so the guaranteed characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

const pick = (set: string): string => set[randomInt(set.length)] as string;
