import type { AfasFieldMeta } from '../demo-data/types.ts';
import type { FieldLookup } from './filters.ts';

export interface SortKey {
  readonly field: AfasFieldMeta;
  readonly descending: boolean;
}

/** `orderbyfieldids=A,-B`: a comma list of field ids, `-` in front for descending. */
export function parseOrderBy(text: string | undefined, lookup: FieldLookup): readonly SortKey[] {
  if (text === undefined || text === '') return [];
  return text.split(',').map((item) => {
    const descending = item.startsWith('-');
    return { field: lookup(descending ? item.slice(1) : item), descending };
  });
}

export function sortSignature(keys: readonly SortKey[]): string {
  return keys.map((k) => (k.descending ? '-' : '') + k.field.id).join(',');
}
