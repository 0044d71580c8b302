/**
 * What hrsync granted one account, remembered with its link: hrsync only takes back what it granted
 * (unless a rule is authoritative for its group), and removal timers count from `disabledOn`.
 */
export interface GrantedEntitlements {
  /** Group id (lower case) → the local date hrsync added the membership. */
  readonly groups: Readonly<Record<string, string>>;
  /** SKU id (lower case) → the local date hrsync assigned the licence. */
  readonly licences: Readonly<Record<string, string>>;
  /** The local date hrsync disabled the account; null while it is enabled. */
  readonly disabledOn: string | null;
}

/**
 * Licences as an account attribute holds them: one string per licence, `skuId` or
 * `skuId;plan,plan` with the disabled service plans sorted (lower case).
 */
export function licenceKey(skuId: string, disabledPlans: readonly string[]): string {
  const plans = disabledPlans.map((p) => p.toLowerCase()).sort();
  return plans.length === 0 ? skuId.toLowerCase() : `${skuId.toLowerCase()};${plans.join(',')}`;
}

export function parseLicenceKey(key: string): { skuId: string; disabledPlans: string[] } {
  const [skuId = '', plans = ''] = key.toLowerCase().split(';');
  return { skuId, disabledPlans: plans === '' ? [] : plans.split(',') };
}

export const NO_GRANTS: GrantedEntitlements = Object.freeze({
  groups: Object.freeze({}),
  licences: Object.freeze({}),
  disabledOn: null,
});
