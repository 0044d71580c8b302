/**
 * Schema errors in words for someone editing a configuration file by hand. TypeBox reports a value
 * that fits no member of a union as "expected union value" at the union's path; this names the
 * field that is wrong inside the member the value was evidently meant to be (by its `type`, or by the
 * keys it has), the allowed words when the union is a list of words, and the described format when
 * a pattern does not match.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { Value, type ValueError, ValueErrorType } from '@sinclair/typebox/value';
import type { ErrorDetail } from '../errors.ts';

export interface ExplainOptions {
  /**
   * Show the value each message is about (`got "acceptance"`): yes for a file the reader wrote;
   * no for an API answer, which is also recorded in the audit log and may be about a secret field.
   */
  readonly values?: boolean;
}

/** Every problem of `value` against `schema`, one per path, paths under `prefix`. */
export function explainErrors(
  schema: TSchema,
  value: unknown,
  options: ExplainOptions = {},
  prefix = '',
): ErrorDetail[] {
  const show = options.values ?? true;
  const shown = (v: unknown) => (show ? ` (${gotten(v)})` : v === undefined ? ' (missing)' : '');
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, value)) {
    const path = `${prefix}${e.path}` || '/';
    // A missing property is reported twice (required, then its type): the first says it.
    if (seen.has(path)) continue;
    seen.add(path);
    const explained = explainError(e, path, options, shown);
    for (const d of explained) seen.add(d.path);
    out.push(...explained);
  }
  return out;
}

type Shown = (value: unknown) => string;

function explainError(e: ValueError, path: string, options: ExplainOptions, shown: Shown): ErrorDetail[] {
  if (e.type === ValueErrorType.Union) return explainUnion(e.schema, e.value, path, options, shown);
  if (e.type === ValueErrorType.StringPattern && typeof e.schema.description === 'string') {
    return [{ path, message: `expected ${e.schema.description}${shown(e.value)}` }];
  }
  return [{ path, message: `${e.message.replace(/^Expected/, 'expected')}${shown(e.value)}` }];
}

function explainUnion(
  schema: TSchema,
  value: unknown,
  path: string,
  options: ExplainOptions,
  shown: Shown,
): ErrorDetail[] {
  const members = (schema.anyOf ?? []) as TSchema[];
  if (members.length > 0 && members.every((m) => 'const' in m)) {
    const words = members.map((m) => JSON.stringify(m.const)).join(', ');
    return [{ path, message: `must be one of ${words}${shown(value)}` }];
  }
  const meant = intendedMember(members, value, path, shown);
  if ('detail' in meant) return [meant.detail];
  if (meant.member !== null) {
    const member = meant.member;
    const errors = explainErrors(
      member,
      Value.Default(member, structuredClone(value)),
      options,
      path === '/' ? '' : path,
    );
    if (errors.length > 0) return errors;
  }
  const forms =
    typeof schema.description === 'string' ? schema.description : members.map(typeName).join(' or ');
  return [{ path, message: `expected ${forms}${shown(value)}` }];
}

/**
 * The member the value was meant to be: the one whose literal `type` (or other constant property) it
 * names, else the object member sharing the most keys with it, else the only member of its JSON type.
 * A constant property that names no member is itself the error.
 */
function intendedMember(
  members: readonly TSchema[],
  value: unknown,
  path: string,
  shown: Shown,
): { member: TSchema | null } | { detail: ErrorDetail } {
  const objects = members.filter((m) => m[Kind] === 'Object');
  if (isRecord(value) && objects.length === members.length) {
    const tag = discriminator(objects);
    if (tag !== null) {
      const member = objects.find((m) => m.properties[tag].const === value[tag]);
      if (member) return { member };
      const allowed = objects.map((m) => JSON.stringify(m.properties[tag].const)).join(', ');
      return {
        detail: {
          path: `${path === '/' ? '' : path}/${tag}`,
          message: `must be one of ${allowed}${shown(value[tag])}`,
        },
      };
    }
    const keys = Object.keys(value);
    const score = (m: TSchema) => keys.filter((k) => k in m.properties).length;
    const best = Math.max(...objects.map(score));
    const candidates = objects.filter((m) => score(m) === best);
    return { member: best > 0 && candidates.length === 1 ? (candidates[0] as TSchema) : null };
  }
  const sameType = members.filter((m) => fitsJsonType(m, value));
  return { member: sameType.length === 1 ? (sameType[0] as TSchema) : null };
}

/** A property every object member has as a different constant (`type`), or null. */
function discriminator(objects: readonly TSchema[]): string | null {
  const first = objects[0];
  if (!first || objects.length < 2) return null;
  for (const key of Object.keys(first.properties ?? {})) {
    const consts = objects.map((m) => m.properties?.[key]?.const);
    if (consts.every((c) => c !== undefined) && new Set(consts).size === consts.length) return key;
  }
  return null;
}

function fitsJsonType(schema: TSchema, value: unknown): boolean {
  switch (schema[Kind]) {
    case 'String':
      return typeof value === 'string';
    case 'Integer':
    case 'Number':
      return typeof value === 'number';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Null':
      return value === null;
    case 'Array':
      return Array.isArray(value);
    case 'Object':
      return isRecord(value);
    default:
      return false;
  }
}

function typeName(schema: TSchema): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema[Kind] === 'Object') return `an object with ${Object.keys(schema.properties ?? {}).join(', ')}`;
  return String(schema[Kind]).toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function gotten(value: unknown): string {
  return value === undefined ? 'missing' : `got ${JSON.stringify(value)?.slice(0, 60)}`;
}
