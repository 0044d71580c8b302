/**
 * Expressions produce strings; targets have typed attributes. Coerce each mapped value to the target
 * attribute's type so comparing with what the target holds is exact (no "True" vs true churn, which
 * would break invariant 3: an unchanged source makes zero writes).
 */
import type { AttrValue } from '../../core/index.ts';

export type AttributeType = 'string' | 'boolean' | 'string[]' | 'datetime';

const DATETIMES_KEPT = 50_000;
const datetimes = new Map<string, string>();

export function coerce(value: AttrValue, type: AttributeType): AttrValue {
  if (value === null) return null;
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        // What expressions answer (VB's True/False): no lower-cased copy per person and rule.
        if (value === 'True' || value === 'true') return true;
        if (value === 'False' || value === 'false') return false;
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        return v === '' ? null : value;
      }
      return typeof value === 'number' ? value !== 0 : value;
    case 'string[]': {
      if (!Array.isArray(value)) {
        const s = String(value).trim();
        return s === '' ? [] : [s];
      }
      // An expression's list comes frozen and nearly always clean already: then it is the answer.
      if (Object.isFrozen(value) && isClean(value)) return value;
      return value.map((s) => s.trim()).filter((s) => s !== '');
    }
    case 'datetime': {
      const s = Array.isArray(value) ? (value[0] ?? '') : String(value).trim();
      if (s === '') return null;
      // A company has few distinct dates, and each is coerced once per person: remember them.
      const known = datetimes.get(s);
      if (known !== undefined) return known;
      // Graph returns DateTimeOffset values as `YYYY-MM-DDTHH:mm:ssZ`; normalise to that form.
      const ms = Date.parse(s);
      const iso = Number.isNaN(ms) ? s : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
      if (datetimes.size >= DATETIMES_KEPT) datetimes.clear();
      datetimes.set(s, iso);
      return iso;
    }
    case 'string': {
      if (typeof value === 'string') {
        const trimmed = value.trim();
        return trimmed === '' ? null : trimmed;
      }
      const s = Array.isArray(value) ? value.join(',') : String(value);
      const trimmed = s.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}

/** Every value trimmed and none empty (trim() hands back the same string when there is nothing to trim). */
function isClean(list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as string;
    if (s === '' || s.trim() !== s) return false;
  }
  return true;
}
