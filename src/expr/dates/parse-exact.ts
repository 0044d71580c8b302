import type { Zone } from 'luxon';
import { assertNever } from '../../core/index.ts';
import type { EvalState } from '../context.ts';
import { type DateTimeValue, daysInMonth, wallFromParts } from './date-time.ts';
import type { DateTimeStyles } from './date-time-styles.ts';
import type { FormatToken } from './format-tokens.ts';
import { abbreviation, DAYS, MONTHS } from './names.ts';
import { nowMs } from './now.ts';
import { instantToWall, wallToInstant } from './zone.ts';

/** Where "today" comes from when the format has no date: the evaluation's clock, read lazily. */
export interface NowSource {
  readonly state: EvalState;
  readonly position: number;
}

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour12?: number;
  hour24?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMinutes?: number;
  utc?: boolean;
}

/** Reading position in the text; one per parse, instead of a closure per helper. */
class Cursor {
  i = 0;
  constructor(readonly text: string) {}

  skipWhite(): void {
    while (this.i < this.text.length && isWhite(this.text.charCodeAt(this.i))) this.i++;
  }

  digits(min: number, max: number): number | undefined {
    const start = this.i;
    let value = 0;
    while (this.i < this.text.length && this.i - start < max) {
      const code = this.text.charCodeAt(this.i);
      if (code < 48 || code > 57) break;
      value = value * 10 + code - 48;
      this.i++;
    }
    return this.i - start < min ? undefined : value;
  }

  /** Index of the longest name the text continues with (case-insensitive). */
  oneOf(names: readonly string[]): number | undefined {
    const rest = this.text.slice(this.i).toLowerCase();
    let found: number | undefined;
    let length = 0;
    names.forEach((name, index) => {
      if (name.length > length && rest.startsWith(name.toLowerCase())) {
        found = index;
        length = name.length;
      }
    });
    this.i += length;
    return found;
  }

  offset(long: boolean): number | undefined {
    const c = this.text[this.i];
    const sign = c === '-' ? -1 : c === '+' ? 1 : 0;
    if (sign === 0) return undefined;
    this.i++;
    const hours = this.digits(long ? 2 : 1, 2);
    if (hours === undefined || hours > 14) return undefined;
    let minutes = 0;
    if (long) {
      if (this.text[this.i] === ':') this.i++;
      const m = this.digits(2, 2);
      if (m === undefined || m > 59) return undefined;
      minutes = m;
    }
    return sign * (hours * 60 + minutes);
  }

  expected(what: string): string {
    return `expected ${what} at position ${this.i + 1} of ${JSON.stringify(this.text)}`;
  }
}

const isWhite = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;

const MONTH_ABBREVIATIONS = MONTHS.map(abbreviation);
const DAY_ABBREVIATIONS = DAYS.map(abbreviation);

/**
 * .NET DateTime.ParseExact(text, format, InvariantCulture, styles): every specifier must match,
 * numbers of one-letter specifiers take one or two digits, names match case-insensitively. Missing
 * date parts default to today in the local zone (or 1/1/0001 with NoCurrentDateDefault). Returns the
 * value with its Kind, or a message saying where the text stopped matching.
 */
export function parseExact(
  text: string,
  tokens: readonly FormatToken[],
  styles: DateTimeStyles,
  zone: Zone,
  now: NowSource,
): DateTimeValue | string {
  const at = new Cursor(text);
  const fields: Fields = {};
  if (styles.allowLeadingWhite) at.skipWhite();
  for (const token of tokens) {
    if (styles.allowInnerWhite) at.skipWhite();
    if (token.kind === 'literal') {
      for (const c of token.text) {
        if (styles.allowInnerWhite && isWhite(c.charCodeAt(0))) continue;
        if (text[at.i] !== c) return at.expected(`'${c}'`);
        at.i++;
      }
      continue;
    }
    const n = token.count;
    let value: number | undefined;
    switch (token.letter) {
      case 'y':
        value =
          n === 1 ? at.digits(1, 2) : n === 2 ? at.digits(2, 2) : at.digits(n === 3 ? 3 : n, Math.max(n, 4));
        if (value === undefined) return at.expected('a year');
        fields.year = n <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
        break;
      case 'M':
        value = n <= 2 ? at.digits(n, 2) : at.oneOf(n === 3 ? MONTH_ABBREVIATIONS : MONTHS);
        if (value === undefined) return at.expected('a month');
        fields.month = n <= 2 ? value : value + 1;
        break;
      case 'd':
        if (n >= 3) {
          if (at.oneOf(n === 3 ? DAY_ABBREVIATIONS : DAYS) === undefined) return at.expected('a day name');
          break;
        }
        value = at.digits(n, 2);
        if (value === undefined) return at.expected('a day');
        fields.day = value;
        break;
      case 'h':
      case 'H':
      case 'm':
      case 's':
        value = at.digits(n === 1 ? 1 : 2, 2);
        if (value === undefined) {
          return at.expected(token.letter === 'm' ? 'minutes' : token.letter === 's' ? 'seconds' : 'an hour');
        }
        if (token.letter === 'h') fields.hour12 = value;
        else if (token.letter === 'H') fields.hour24 = value;
        else if (token.letter === 'm') fields.minute = value;
        else fields.second = value;
        break;
      case 'f':
      case 'F': {
        const start = at.i;
        if (at.digits(token.letter === 'f' ? n : 0, n) === undefined) {
          return at.expected(`${n} fraction digit${n === 1 ? '' : 's'}`);
        }
        const written = text.slice(start, at.i);
        fields.millisecond = written === '' ? 0 : Math.floor(Number(`0.${written}`) * 1000);
        break;
      }
      case 't': {
        const found = at.oneOf(n === 1 ? ['A', 'P'] : ['AM', 'PM']);
        if (found === undefined) return at.expected(n === 1 ? "'A' or 'P'" : "'AM' or 'PM'");
        fields.pm = found === 1;
        break;
      }
      case 'z': {
        const offset = at.offset(n >= 3);
        if (offset === undefined) return at.expected('a UTC offset such as +01:00');
        fields.offsetMinutes = offset;
        break;
      }
      case 'K':
        if (text[at.i] === 'Z' || text[at.i] === 'z') {
          fields.utc = true;
          at.i++;
        } else if (text[at.i] === '+' || text[at.i] === '-') {
          const offset = at.offset(true);
          if (offset === undefined) return at.expected('a UTC offset such as +01:00');
          fields.offsetMinutes = offset;
        }
        break;
      case 'g':
        at.oneOf(['A.D.', 'AD', 'B.C.', 'BC']);
        break;
      default:
        assertNever(token.letter, 'format letter');
    }
  }
  if (styles.allowTrailingWhite) at.skipWhite();
  if (at.i < text.length) {
    return `unexpected ${JSON.stringify(text.slice(at.i))} after the format was matched in ${JSON.stringify(text)}`;
  }
  return resolve(fields, styles, zone, now);
}

function resolve(fields: Fields, styles: DateTimeStyles, zone: Zone, now: NowSource): DateTimeValue | string {
  let { year, month, day } = fields;
  if (year === undefined && month === undefined && day === undefined) {
    if (styles.noCurrentDateDefault) {
      [year, month, day] = [1, 1, 1];
    } else {
      const today = new Date(instantToWall(zone, nowMs(now.state, now.position)));
      [year, month, day] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()];
    }
  }
  year ??= new Date(instantToWall(zone, nowMs(now.state, now.position))).getUTCFullYear();
  month ??= 1;
  day ??= 1;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month))
    return `day ${day} does not exist in ${MONTHS[month - 1]} ${year}`;
  let hour = fields.hour24 ?? 0;
  if (fields.hour12 !== undefined) {
    if (fields.hour12 < 1 || fields.hour12 > 12) return `hour ${fields.hour12} is not a 12-hour clock hour`;
    hour = (fields.hour12 % 12) + (fields.pm ? 12 : 0);
  } else if (fields.pm && hour < 12) {
    hour += 12;
  }
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  if (hour > 23 || minute > 59 || second > 59) return 'the time of day is out of range';
  const wall = wallFromParts(year, month, day, hour, minute, second, fields.millisecond ?? 0);

  // The rules of .NET's ParseExact for the resulting Kind; "local" is the context's time zone.
  if (fields.offsetMinutes !== undefined)
    return utcOrLocal(wall - fields.offsetMinutes * 60_000, styles, zone);
  if (fields.utc) return styles.roundtripKind ? { wall, kind: 'utc' } : utcOrLocal(wall, styles, zone);
  if (styles.assumeUniversal) return utcOrLocal(wall, styles, zone);
  if (styles.assumeLocal) {
    return styles.adjustToUniversal
      ? { wall: wallToInstant(zone, wall), kind: 'utc' }
      : { wall, kind: 'local' };
  }
  return { wall, kind: 'unspecified' };
}

/** A known instant becomes UTC with AdjustToUniversal, otherwise local time — as in .NET. */
function utcOrLocal(instant: number, styles: DateTimeStyles, zone: Zone): DateTimeValue {
  return styles.adjustToUniversal
    ? { wall: instant, kind: 'utc' }
    : { wall: instantToWall(zone, instant), kind: 'local' };
}
