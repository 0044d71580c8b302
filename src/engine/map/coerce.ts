/**
 * Expressions produce strings; targets have typed attributes. Coerce each mapped value to the target
 * attribute's type so comparing with what the target holds is exact (no "True" vs true churn, which
 * would break invariant 3: an unchanged source makes zero writes).
 */
import type { AttrValue } from '../../core/index.ts';

export type AttributeType = 'string' | 'boolean' | 'string[]' | 'datetime';

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
      // Graph returns DateTimeOffset values as `YYYY-MM-DDTHH:mm:ssZ`; normalise to that form.
      const ms = Date.parse(s);
      return Number.isNaN(ms) ? s : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
    }
    case 'string': {
      const s = Array.isArray(value) ? value.join(',') : String(value);
      const trimmed = s.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}
