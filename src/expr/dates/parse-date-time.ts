import { daysInMonth, wallFromParts } from './date-time.ts';

// ISO 8601 as HR systems send it, including Workday's date-with-offset ("2020-03-16-07:00").
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// The US form Entra's own date functions return ("8/25/2021 5:41:18 PM").
const US =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*(AM|PM|A|P))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a date/time string the way CDate does (.NET DateTime.Parse, invariant culture) for the forms
 * seen in HR data: ISO 8601 and `M/d/yyyy h:mm:ss tt`, each with an optional offset or `Z`. A string
 * without an offset is read as UTC, which is what Entra's UTC servers do. Returns the instant, or
 * undefined when the text is not a date.
 */
export function parseDateTime(text: string): number | undefined {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m !== null) return build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7], undefined, m[8]);
  m = US.exec(s);
  if (m !== null) return build(+m[3]!, +m[1]!, +m[2]!, m[4], m[5], m[6], m[7], m[8], m[9]);
  return undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  fractionText: string | undefined,
  meridiem: string | undefined,
  offsetText: string | undefined,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let hour = hourText === undefined ? 0 : +hourText;
  const minute = minuteText === undefined ? 0 : +minuteText;
  const second = secondText === undefined ? 0 : +secondText;
  if (meridiem !== undefined) {
    if (hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toUpperCase().startsWith('P') ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = fractionText === undefined ? 0 : Math.floor(Number(`0.${fractionText}`) * 1000);
  const wall = wallFromParts(year, month, day, hour, minute, second, ms);
  const offset = offsetMinutes(offsetText);
  return offset === undefined ? undefined : wall - offset * 60_000;
}

function offsetMinutes(text: string | undefined): number | undefined {
  if (text === undefined || text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = digits.length > 2 ? +digits.slice(2) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
