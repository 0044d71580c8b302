/**
 * Dutch phone numbers the way people type them into AFAS: the same number appears as 030-2345678,
 * 030 234 5678, +31 30 234 5678 or +31302345678. Mobile numbers start with 06.
 */
import type { Random } from './random.ts';

/** Area codes of the company's offices (without the leading 0). */
const AREA_CODES = ['20', '10', '70', '30', '40', '50', '13', '76', '24', '26'] as const;

export function workPhone(random: Random): string {
  const area = random.pick(AREA_CODES);
  const subscriber = `${random.int(2, 8)}${random.digits(6)}`;
  switch (random.int(0, 3)) {
    case 0:
      return `0${area}-${subscriber}`;
    case 1:
      return `0${area} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
    case 2:
      return `+31 ${area} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
    default:
      return `+31${area}${subscriber}`;
  }
}

export function mobilePhone(random: Random): string {
  const rest = `${random.int(1, 6)}${random.digits(7)}`;
  switch (random.int(0, 3)) {
    case 0:
      return `06-${rest}`;
    case 1:
      return `06 ${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4, 6)} ${rest.slice(6)}`;
    case 2:
      return `+31 6 ${rest}`;
    default:
      return `+316${rest}`;
  }
}
