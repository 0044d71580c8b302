import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import type { EvalState } from '../context.ts';
import { evaluationFailure } from '../failure.ts';

const known = new Map<string, Zone | null>();
const UTC: Zone = FixedOffsetZone.utcInstance;

/** The zone .NET would call "local": the context's timeZone, or UTC as on Entra's servers. */
export function localZone(state: EvalState, position: number): Zone {
  const name = state.context.timeZone;
  if (name === undefined || name === 'UTC' || name === 'Etc/UTC') return UTC;
  let zone = known.get(name);
  if (zone === undefined) {
    const candidate = IANAZone.create(name);
    zone = candidate.isValid ? candidate : null;
    known.set(name, zone);
  }
  if (zone === null) return evaluationFailure(`time zone '${name}' is not a known IANA time zone`, position);
  return zone;
}

export const offsetMs = (zone: Zone, instantMs: number): number => zone.offset(instantMs) * 60_000;

export const instantToWall = (zone: Zone, instantMs: number): number => instantMs + offsetMs(zone, instantMs);

/** Wall-clock time in the zone to an instant; the second pass settles offsets across DST changes. */
export function wallToInstant(zone: Zone, wallMs: number): number {
  const guess = wallMs - offsetMs(zone, wallMs);
  return wallMs - offsetMs(zone, guess);
}
