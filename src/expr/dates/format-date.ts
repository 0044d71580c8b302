import type { Zone } from 'luxon';
import { assertNever } from '../../core/index.ts';
import { type DateTimeValue, toInstant } from './date-time.ts';
import type { FormatToken } from './format-tokens.ts';
import { abbreviation, DAYS, MONTHS } from './names.ts';
import { offsetMs } from './zone.ts';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Formats like .NET's DateTime.ToString(format, InvariantCulture). */
export function formatDate(value: DateTimeValue, tokens: readonly FormatToken[], zone: Zone): string {
  const d = new Date(value.wall);
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'y': {
        const year = d.getUTCFullYear();
        out += n === 1 ? String(year % 100) : n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      }
      case 'M': {
        const month = d.getUTCMonth();
        const name = MONTHS[month]!;
        out +=
          n === 1 ? String(month + 1) : n === 2 ? pad(month + 1, 2) : n === 3 ? abbreviation(name) : name;
        break;
      }
      case 'd': {
        const name = DAYS[d.getUTCDay()]!;
        const day = d.getUTCDate();
        out += n === 1 ? String(day) : n === 2 ? pad(day, 2) : n === 3 ? abbreviation(name) : name;
        break;
      }
      case 'h': {
        const hour = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
        out += n === 1 ? String(hour) : pad(hour, 2);
        break;
      }
      case 'H':
        out += n === 1 ? String(d.getUTCHours()) : pad(d.getUTCHours(), 2);
        break;
      case 'm':
        out += n === 1 ? String(d.getUTCMinutes()) : pad(d.getUTCMinutes(), 2);
        break;
      case 's':
        out += n === 1 ? String(d.getUTCSeconds()) : pad(d.getUTCSeconds(), 2);
        break;
      case 'f':
        out += fraction(d).slice(0, n);
        break;
      case 'F': {
        const digits = fraction(d).slice(0, n).replace(/0+$/, '');
        // .NET drops the decimal point too when an all-zero `F` fraction follows it.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't': {
        const designator = d.getUTCHours() < 12 ? 'AM' : 'PM';
        out += n === 1 ? designator[0] : designator;
        break;
      }
      case 'z':
        // .NET prints the local zone's offset for `z`, whatever the value's Kind.
        out += offsetText(offsetMs(zone, toInstant(value, zone)), n);
        break;
      case 'K':
        out +=
          value.kind === 'utc'
            ? 'Z'
            : value.kind === 'local'
              ? offsetText(offsetMs(zone, toInstant(value, zone)), 3)
              : '';
        break;
      case 'g':
        out += 'A.D.';
        break;
      default:
        assertNever(token.letter, 'format letter');
    }
  }
  return out;
}

/** Seven digits of 100 ns ticks; JavaScript times carry milliseconds, so the last four are zero. */
const fraction = (d: Date): string => `${pad(d.getUTCMilliseconds(), 3)}0000`;

function offsetText(offset: number, count: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  const hours = Math.floor(minutes / 60);
  if (count === 1) return `${sign}${hours}`;
  if (count === 2) return `${sign}${pad(hours, 2)}`;
  return `${sign}${pad(hours, 2)}:${pad(minutes % 60, 2)}`;
}
