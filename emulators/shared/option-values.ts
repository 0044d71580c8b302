/**
 * Command-line values of both emulators, checked where commander reads them: a bad one is refused
 * with the option's name and what it takes, before anything starts. Before, a port out of range
 * reached Node ("options.port should be >= 0 and < 65536"), and a --latency of 10^11 ms, a
 * --time-scale of Infinity or a --tenant that is no GUID started an emulator that misbehaved later.
 */
import { InvalidArgumentError } from 'commander';

/** The longest delay either emulator adds to a request (a latency fault, --latency, --jitter): 15 minutes. */
export const MAX_DELAY_MS = 900_000;

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** A TCP port; 0 = any free port. */
export function toPort(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

/** A seed for the generated company. */
export const toSeed = wholeNumber(0, Number.MAX_SAFE_INTEGER);

/** A number from `min` to `max` (fractions allowed). */
export function numberBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= min && n <= max))
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID, as Entra's tenant and application ids are. */
export function toGuid(value: string): string {
  if (!GUID.test(value.trim()))
    throw new InvalidArgumentError('expected a GUID such as 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b');
  return value.trim();
}
