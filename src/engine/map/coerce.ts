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
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        return v === '' ? null : value;
      }
      return typeof value === 'number' ? value !== 0 : value;
    case 'string[]': {
      const list = Array.isArray(value) ? value : [String(value)];
      const cleaned = list.map((s) => s.trim()).filter((s) => s !== '');
      return cleaned;
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
      const s = Array.isArray(value) ? value.join(',') : String(value);
      const trimmed = s.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}
