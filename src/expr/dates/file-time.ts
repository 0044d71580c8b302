/**
 * Active Directory stores times (accountExpires, lastLogonTimestamp) as Windows file times: 100 ns
 * ticks since 1601-01-01 UTC. They exceed a double's exact range, so the arithmetic is in BigInt.
 */
const UNIX_EPOCH_IN_MS_SINCE_1601 = 11_644_473_600_000n;

export function fileTimeToInstant(ticks: bigint): number {
  return Number(ticks / 10_000n - UNIX_EPOCH_IN_MS_SINCE_1601);
}

export function instantToFileTime(instantMs: number): bigint {
  return (BigInt(Math.trunc(instantMs)) + UNIX_EPOCH_IN_MS_SINCE_1601) * 10_000n;
}
