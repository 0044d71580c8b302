/**
 * Request costs for the identity and access service (throttling-limits.md): a base resource-unit
 * cost per path (`GET users` 2, `GET subscribedSkus` 3, `GET groups/{id}/members` 3, anything
 * else 1), adjusted by query options, plus one write unit for POST/PATCH/PUT/DELETE.
 */
export interface RequestCost {
  readonly resourceUnits: number;
  readonly writes: number;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function requestCost(method: string, baseCost: number, query: URLSearchParams): RequestCost {
  let units = baseCost;
  if (query.has('$select')) units -= 1;
  if (query.has('$expand')) units += 1;
  const top = Number(query.get('$top'));
  if (query.has('$top') && Number.isInteger(top) && top < 20) units -= 1;
  return { resourceUnits: Math.max(1, units), writes: WRITE_METHODS.has(method) ? 1 : 0 };
}
