import type { Zone } from 'luxon';
import { assertNever } from '../../core/index.ts';
import { type DateTimeValue, daysInMonth, wallFromParts } from './date-time.ts';
import type { DateTimeStyles } from './date-time-styles.ts';
import type { FormatToken } from './format-tokens.ts';
import { abbreviation, DAYS, MONTHS } from './names.ts';
import { instantToWall, wallToInstant } from './zone.ts';

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
  nowMs: () => number,
): DateTimeValue | string {
  let i = 0;
  const fields: Fields = {};
  const skipWhite = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const digits = (min: number, max: number): number | undefined => {
    let j = i;
    while (j < text.length && j - i < max && text[j]! >= '0' && text[j]! <= '9') j++;
    if (j - i < min) return undefined;
    const value = Number(text.slice(i, j));
    i = j;
    return value;
  };
  const oneOf = (names: readonly string[]): number | undefined => {
    const rest = text.slice(i).toLowerCase();
    // Longest first, so "May" does not stop "Mayday"-like prefixes of longer names from matching.
    let found: number | undefined;
    let length = 0;
    names.forEach((name, index) => {
      if (name.length > length && rest.startsWith(name.toLowerCase())) {
        found = index;
        length = name.length;
      }
    });
    i += length;
    return found;
  };
  const stop = (what: string) => `expected ${what} at position ${i + 1} of ${JSON.stringify(text)}`;

  if (styles.allowLeadingWhite) skipWhite();
  for (const token of tokens) {
    if (styles.allowInnerWhite) skipWhite();
    if (token.kind === 'literal') {
      for (const c of token.text) {
        if (styles.allowInnerWhite && /\s/.test(c)) continue;
        if (text[i] !== c) return stop(`'${c}'`);
        i++;
      }
      continue;
    }
    const n = token.count;
    let value: number | undefined;
    switch (token.letter) {
      case 'y':
        value = n === 1 ? digits(1, 2) : n === 2 ? digits(2, 2) : digits(n === 3 ? 3 : n, Math.max(n, 4));
        if (value === undefined) return stop('a year');
        fields.year = n <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
        break;
      case 'M':
        value =
          n === 1
            ? digits(1, 2)
            : n === 2
              ? digits(2, 2)
              : oneOf(n === 3 ? MONTHS.map(abbreviation) : MONTHS);
        if (value === undefined) return stop('a month');
        fields.month = n <= 2 ? value : value + 1;
        break;
      case 'd':
        if (n >= 3) {
          if (oneOf(n === 3 ? DAYS.map(abbreviation) : DAYS) === undefined) return stop('a day name');
          break;
        }
        value = digits(n, 2);
        if (value === undefined) return stop('a day');
        fields.day = value;
        break;
      case 'h':
      case 'H':
      case 'm':
      case 's':
        value = digits(n === 1 ? 1 : 2, 2);
        if (value === undefined)
          return stop(token.letter === 'm' ? 'minutes' : token.letter === 's' ? 'seconds' : 'an hour');
        if (token.letter === 'h') fields.hour12 = value;
        else if (token.letter === 'H') fields.hour24 = value;
        else if (token.letter === 'm') fields.minute = value;
        else fields.second = value;
        break;
      case 'f':
      case 'F': {
        const start = i;
        value = digits(token.letter === 'f' ? n : 0, n);
        if (value === undefined) return stop(`${n} fraction digit${n === 1 ? '' : 's'}`);
        const written = text.slice(start, i);
        fields.millisecond = written === '' ? 0 : Math.floor(Number(`0.${written}`) * 1000);
        break;
      }
      case 't': {
        const found = oneOf(n === 1 ? ['A', 'P'] : ['AM', 'PM']);
        if (found === undefined) return stop(n === 1 ? "'A' or 'P'" : "'AM' or 'PM'");
        fields.pm = found === 1;
        break;
      }
      case 'z': {
        const offset = readOffset(n >= 3);
        if (offset === undefined) return stop('a UTC offset such as +01:00');
        fields.offsetMinutes = offset;
        break;
      }
      case 'K':
        if (text[i] === 'Z' || text[i] === 'z') {
          fields.utc = true;
          i++;
        } else if (text[i] === '+' || text[i] === '-') {
          const offset = readOffset(true);
          if (offset === undefined) return stop('a UTC offset such as +01:00');
          fields.offsetMinutes = offset;
        }
        break;
      case 'g':
        oneOf(['A.D.', 'AD', 'B.C.', 'BC']);
        break;
      default:
        assertNever(token.letter, 'format letter');
    }
  }
  if (styles.allowTrailingWhite) skipWhite();
  if (i < text.length)
    return `unexpected ${JSON.stringify(text.slice(i))} after the format was matched in ${JSON.stringify(text)}`;
  return resolve(fields, styles, zone, nowMs);

  function readOffset(long: boolean): number | undefined {
    const sign = text[i] === '-' ? -1 : text[i] === '+' ? 1 : 0;
    if (sign === 0) return undefined;
    i++;
    const hours = digits(long ? 2 : 1, 2);
    if (hours === undefined || hours > 14) return undefined;
    let minutes = 0;
    if (long) {
      if (text[i] === ':') i++;
      const m = digits(2, 2);
      if (m === undefined || m > 59) return undefined;
      minutes = m;
    }
    return sign * (hours * 60 + minutes);
  }
}

function resolve(
  fields: Fields,
  styles: DateTimeStyles,
  zone: Zone,
  nowMs: () => number,
): DateTimeValue | string {
  let { year, month, day } = fields;
  if (year === undefined && month === undefined && day === undefined) {
    if (styles.noCurrentDateDefault) {
      [year, month, day] = [1, 1, 1];
    } else {
      const today = new Date(instantToWall(zone, nowMs()));
      [year, month, day] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()];
    }
  }
  year ??= new Date(instantToWall(zone, nowMs())).getUTCFullYear();
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
  const toUtcOrLocal = (instant: number): DateTimeValue =>
    styles.adjustToUniversal
      ? { wall: instant, kind: 'utc' }
      : { wall: instantToWall(zone, instant), kind: 'local' };
  if (fields.offsetMinutes !== undefined) return toUtcOrLocal(wall - fields.offsetMinutes * 60_000);
  if (fields.utc) return styles.roundtripKind ? { wall, kind: 'utc' } : toUtcOrLocal(wall);
  if (styles.assumeUniversal) return toUtcOrLocal(wall);
  if (styles.assumeLocal) {
    return styles.adjustToUniversal
      ? { wall: wallToInstant(zone, wall), kind: 'utc' }
      : { wall, kind: 'local' };
  }
  return { wall, kind: 'unspecified' };
}
