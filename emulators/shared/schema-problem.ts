/**
 * A value checked against a compiled TypeBox schema, its first problem said in words with where it
 * is (`tenant.users[3].mail is 5; expected a string or null`): one way for the emulators' dataset
 * files, seeded users and fault settings alike.
 */
import type { TSchema } from '@sinclair/typebox';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';

export interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): Iterable<ValueError>;
}

/**
 * The first thing wrong with a value against a compiled schema, in words with where it is
 * (`tenant.users[3].mail is 5; expected a string or null`); `whole` names the value itself.
 */
export function firstProblem(
  checker: Checker,
  value: unknown,
  prefix: string,
  whole = 'the file',
): string | undefined {
  if (checker.Check(value)) return undefined;
  for (const error of checker.Errors(value)) {
    const where = jsonPath(prefix, error.path);
    const what = where === '' ? whole : where;
    if (error.type === ValueErrorType.ObjectAdditionalProperties)
      return `${what} is unknown; expected one of ${Object.keys(error.schema.properties ?? {}).join(', ')}`;
    if (error.type === ValueErrorType.ObjectRequiredProperty || error.value === undefined)
      return `${what} is missing (expected ${expected(error.schema)})`;
    return `${what} is ${found(error.value)}; expected ${expected(error.schema)}`;
  }
  return 'it is not what was expected';
}

/** `/users/3/mail` → `users[3].mail`, the way one finds it in the file. */
export function jsonPath(prefix: string, pointer: string): string {
  let path = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(key)) path += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

function expected(schema: TSchema): string {
  if (schema.anyOf) {
    // In a list of choices, "true or false" would read as two of them.
    const options = (schema.anyOf as TSchema[]).map((s) =>
      s.type === 'boolean' ? 'a boolean' : expected(s),
    );
    return options.length <= 2
      ? options.join(' or ')
      : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  switch (schema.type) {
    case 'string':
      return schema.minLength ? 'a non-empty string' : 'a string';
    case 'integer':
      if (schema.minimum !== undefined && schema.maximum !== undefined)
        return `a whole number from ${schema.minimum} to ${schema.maximum}`;
      return schema.minimum === 0 ? 'a whole number ≥ 0' : 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    default:
      return 'an object';
  }
}

function found(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return value === '' ? 'empty' : JSON.stringify(shown);
  }
  return String(value);
}
