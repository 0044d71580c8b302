/** A value of a source attribute or a target attribute, as JSON carries it. */
export type AttrValue = string | number | boolean | null | readonly string[];

/** Attributes of a person (source side) or an account (target side), keyed by attribute name. */
export type Attributes = Readonly<Record<string, AttrValue>>;

export function isEmpty(value: AttrValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** Equality as a sync sees it: arrays by content (order-insensitive for sets such as businessPhones). */
export function sameValue(a: AttrValue | undefined, b: AttrValue | undefined): boolean {
  // Most comparisons are of two texts: equal, or different unless both are empty (then they are equal).
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    // Nearly always in the same order: then no sorted copies are made.
    let inOrder = true;
    for (let i = 0; i < a.length && inOrder; i++) inOrder = a[i] === b[i];
    if (inOrder) return true;
    const sortedB = [...b].sort();
    return [...a].sort().every((v, i) => v === sortedB[i]);
  }
  return a === b;
}
