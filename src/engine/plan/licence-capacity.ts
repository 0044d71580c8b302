/**
 * Licence capacity: each subscribed pool has its enabled prepaid units minus the consumed ones, plus
 * what this run frees. Requests are served in plan order; the ones past the end of a pool are
 * refused, and the pool reports how many licences the run is short. Pure.
 */
import type { TargetSku } from '../ports.ts';
import type { LicencePool } from './types.ts';

export interface LicenceRequest {
  /** Index of the person plan. */
  readonly person: number;
  readonly skuId: string;
  /** Through a group carrying the licence (group-based licensing). */
  readonly viaGroup?: boolean;
}

export interface Refusal {
  readonly skuId: string;
  readonly viaGroup: boolean;
  readonly pool: LicencePool;
}

export function applyCapacity(
  requests: readonly LicenceRequest[],
  skus: ReadonlyMap<string, TargetSku>,
  freed: ReadonlyMap<string, number>,
  name: (skuId: string) => string,
): { refused: Map<number, Refusal[]>; pools: LicencePool[] } {
  const wanted = new Map<string, number>();
  for (const r of requests) wanted.set(r.skuId, (wanted.get(r.skuId) ?? 0) + 1);
  const pools = new Map<string, LicencePool>();
  for (const sku of skus.values()) {
    const free = Math.max(0, sku.enabled - sku.consumed);
    const released = freed.get(sku.skuId) ?? 0;
    const want = wanted.get(sku.skuId) ?? 0;
    if (want === 0 && released === 0) continue;
    const available = free + released;
    pools.set(sku.skuId, {
      skuId: sku.skuId,
      name: name(sku.skuId),
      enabled: sku.enabled,
      consumed: sku.consumed,
      freed: released,
      wanted: want,
      short: Math.max(0, want - available),
    });
  }
  const left = new Map([...pools.values()].map((p) => [p.skuId, p.enabled - p.consumed + p.freed]));
  const refused = new Map<number, Refusal[]>();
  for (const r of requests) {
    const pool = pools.get(r.skuId);
    if (!pool) continue;
    const n = left.get(r.skuId) ?? 0;
    if (n > 0) {
      left.set(r.skuId, n - 1);
      continue;
    }
    const list = refused.get(r.person) ?? [];
    list.push({ skuId: r.skuId, viaGroup: r.viaGroup === true, pool });
    refused.set(r.person, list);
  }
  return {
    refused,
    pools: [...pools.values()].sort((a, b) => a.name.localeCompare(b.name) || a.skuId.localeCompare(b.skuId)),
  };
}
