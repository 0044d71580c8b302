import type { AfasFieldMeta } from '../demo-data/types.ts';
import { type OperatorType, parseOperatorType } from './operators.ts';
import { unexpected } from './profit-error.ts';
import type { QueryParams } from './query.ts';

export interface Condition {
  readonly field: AfasFieldMeta;
  readonly operator: OperatorType;
  readonly value: string;
}

/** Groups are OR-ed; the conditions inside one group are AND-ed. */
export type Filter = readonly (readonly Condition[])[];

/** Finds a connector field by id or throws Profit's "Connector field 'X' not found". */
export type FieldLookup = (fieldId: string) => AfasFieldMeta;

const TRIPLET = ['filterfieldids', 'filtervalues', 'operatortypes'] as const;

/** Reads either the `filterfieldids`/`filtervalues`/`operatortypes` triplet or `filterjson`. */
export function parseFilter(params: QueryParams, lookup: FieldLookup): Filter | undefined {
  const json = params.get('filterjson');
  const hasTriplet = TRIPLET.some((name) => params.has(name));
  if (json !== undefined && hasTriplet) throw unexpected('filterjson cannot be combined with filterfieldids');
  if (json !== undefined) return parseFilterJson(json, lookup);
  return hasTriplet ? parseTriplet(params, lookup) : undefined;
}

/** `,` separates AND-ed conditions and `;` separates OR-ed groups, in all three lists alike. */
function parseTriplet(params: QueryParams, lookup: FieldLookup): Filter {
  const [ids, values, operators] = TRIPLET.map((name) => {
    const value = params.get(name);
    if (value === undefined) throw unexpected(`${TRIPLET.join(', ')} must be given together`);
    return value.split(';').map((group) => group.split(','));
  }) as [string[][], string[][], string[][]];
  const sameShape =
    ids.length === values.length &&
    ids.length === operators.length &&
    ids.every((group, g) => group.length === values[g]?.length && group.length === operators[g]?.length);
  if (!sameShape) throw unexpected('filterfieldids, filtervalues and operatortypes differ in length');
  return ids.map((group, g) =>
    group.map((id, i) => ({
      field: lookup(id),
      operator: parseOperatorType(operators[g]?.[i] ?? ''),
      value: values[g]?.[i] ?? '',
    })),
  );
}

/** `{"Filters":{"Filter":[{"@FilterId":…,"Field":[{"@FieldId","@OperatorType","#text"}]}]}}` */
function parseFilterJson(text: string, lookup: FieldLookup): Filter {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw unexpected('filterjson is not valid JSON');
  }
  const filters = listOf(member(member(document, 'Filters'), 'Filter'));
  if (filters.length === 0) throw unexpected('filterjson has no Filters.Filter');
  return filters.map((filter) => {
    const fields = listOf(member(filter, 'Field'));
    if (fields.length === 0) throw unexpected('a filterjson Filter has no Field');
    return fields.map((field) => {
      const id = member(field, '@FieldId');
      const operator = member(field, '@OperatorType');
      const value = member(field, '#text');
      if (typeof id !== 'string') throw unexpected('a filterjson Field has no @FieldId');
      if (typeof operator !== 'string' && typeof operator !== 'number')
        throw unexpected(`filterjson field '${id}' has no @OperatorType`);
      return {
        field: lookup(id),
        operator: parseOperatorType(String(operator)),
        value: value === undefined || value === null ? '' : String(value),
      };
    });
  });
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** Profit's JSON mirrors XML, so a single child may come as an object instead of a one-item array. */
function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'object' && value !== null ? [value] : [];
}

/** A stable text for a filter, to cache selections by. */
export function filterSignature(filter: Filter | undefined): string {
  if (filter === undefined) return '';
  return JSON.stringify(filter.map((group) => group.map((c) => [c.field.id, c.operator, c.value])));
}
