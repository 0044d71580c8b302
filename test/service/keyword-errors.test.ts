/**
 * A value a field's schema refuses is refused in words, naming the field as the console names it —
 * never in Ajv's English ("must NOT have more than 100 characters", "must be >= 1", "must be equal to
 * one of the allowed values", "must have required property 'x'", "must be integer"). Every keyword of
 * every endpoint's path, query and body schema is found by walking the contracts, so a keyword without
 * words in src/contracts/keyword-words.ts fails here; then each field is sent a value its keyword
 * refuses, to the real service, on SQLite and PostgreSQL. (Patterns: pattern-errors.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ENDPOINTS,
  type Endpoint,
  hasFieldWords,
  KEYWORD_WORDS,
  keywordWords,
  oneOfWords,
  readableMessage,
  readablePath,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { type Service, startService } from './support/service.ts';

type Part = 'params' | 'query' | 'body';

// biome-ignore lint/suspicious/noExplicitAny: schemas are walked as plain JSON Schema
type Schema = any;

interface Case {
  readonly endpoint: Endpoint;
  readonly part: Part;
  /** JSON pointer of the field within its part. */
  readonly path: string;
  readonly keyword: string;
  /** The value sent at `path` (or, for `additionalProperties`, the object sent there). */
  readonly wrong: unknown;
  /** The words expected at `path`; null inside a union, which the union's explainer words. */
  readonly words: string | null;
  /** The detail's path: the field's, or a missing field's. */
  readonly at: string;
}

/** The keywords checked by sending a value; the others in a schema only describe it. */
const DESCRIPTIVE = new Set(['description', 'default', 'properties', 'items', 'allOf', 'title', 'examples']);

const choicesOf = (schema: Schema): unknown[] | null =>
  Array.isArray(schema.anyOf) && schema.anyOf.length > 0 && schema.anyOf.every((m: Schema) => 'const' in m)
    ? schema.anyOf.map((m: Schema) => m.const)
    : null;

function casesOf(
  schema: Schema,
  path: string,
  inUnion: boolean,
  push: (c: Omit<Case, 'endpoint' | 'part'>) => void,
) {
  if (schema === null || typeof schema !== 'object') return;
  const words = (keyword: string, params: Record<string, unknown>) =>
    inUnion ? null : keywordWords(keyword, params);
  const choices = choicesOf(schema);
  if (choices) {
    push({
      path,
      keyword: 'anyOf (choices)',
      wrong: 'not-one-of-the-choices',
      words: inUnion ? null : oneOfWords(choices),
      at: path,
    });
    return;
  }
  const { type } = schema;
  if (typeof schema.maxLength === 'number')
    push({
      path,
      keyword: 'maxLength',
      wrong: 'x'.repeat(schema.maxLength + 1),
      words: words('maxLength', { limit: schema.maxLength }),
      at: path,
    });
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    push({
      path,
      keyword: 'minLength',
      wrong: 'x'.repeat(schema.minLength - 1),
      words: words('minLength', { limit: schema.minLength }),
      at: path,
    });
  if (typeof schema.minimum === 'number')
    push({
      path,
      keyword: 'minimum',
      wrong: schema.minimum - 1,
      words: words('minimum', { limit: schema.minimum }),
      at: path,
    });
  if (typeof schema.maximum === 'number' && Number.isSafeInteger(schema.maximum + 1))
    push({
      path,
      keyword: 'maximum',
      wrong: schema.maximum + 1,
      words: words('maximum', { limit: schema.maximum }),
      at: path,
    });
  if (typeof schema.minItems === 'number' && schema.minItems > 0)
    push({
      path,
      keyword: 'minItems',
      wrong: [],
      words: words('minItems', { limit: schema.minItems }),
      at: path,
    });
  if (typeof schema.maxItems === 'number')
    push({
      path,
      keyword: 'maxItems',
      wrong: Array.from({ length: schema.maxItems + 1 }, (_, i) => `x${i}`),
      words: words('maxItems', { limit: schema.maxItems }),
      at: path,
    });
  if (schema.uniqueItems === true)
    push({ path, keyword: 'uniqueItems', wrong: ['x', 'x'], words: words('uniqueItems', {}), at: path });
  if (typeof schema.format === 'string')
    push({
      path,
      keyword: 'format',
      wrong: 'not in any format',
      words: words('format', { format: schema.format }),
      at: path,
    });
  if (typeof schema.minProperties === 'number' && schema.minProperties > 0)
    push({
      path,
      keyword: 'minProperties',
      wrong: {},
      words: words('minProperties', { limit: schema.minProperties }),
      at: path || '/',
    });
  if (type === 'object' && schema.additionalProperties === false)
    push({
      path,
      keyword: 'additionalProperties',
      wrong: { zzNotAField: 1 },
      words: words('additionalProperties', { additionalProperty: 'zzNotAField' }),
      at: path || '/',
    });
  if (type === 'object')
    // A property with a default is filled in, not missed.
    for (const name of schema.required ?? [])
      if (schema.properties?.[name]?.default === undefined)
        push({ path, keyword: 'required', wrong: {}, words: words('required', {}), at: `${path}/${name}` });
  if (['integer', 'number', 'boolean'].includes(type))
    push({ path, keyword: 'type', wrong: 'not a number', words: words('type', { type }), at: path });
  if (type === 'string')
    push({ path, keyword: 'type', wrong: 12345, words: words('type', { type }), at: path });
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    casesOf(property, `${path}/${name}`, inUnion, push);
  if (schema.items) casesOf(schema.items, `${path}/0`, inUnion, push);
  for (const member of schema.allOf ?? []) casesOf(member, path, inUnion, push);
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) casesOf(member, path, true, push);
}

const CASES: readonly Case[] = (ENDPOINTS as readonly Endpoint[]).flatMap((endpoint) =>
  (['params', 'query', 'body'] as const).flatMap((part) => {
    const found: Case[] = [];
    casesOf(endpoint[part], '', false, (c) => found.push({ endpoint, part, ...c }));
    return found.filter(
      (c) =>
        // A path parameter cannot be sent empty, another type or as an object; a query parameter is
        // text (coerced), so only its numbers' type is checked.
        // A query parameter of an endpoint with a body is checked after the body (Fastify's order):
        // an empty body is refused first, so those are left to the endpoints without one.
        !(c.part === 'query' && c.endpoint.body !== undefined) &&
        !(c.part === 'params' && (c.path === '' || typeof c.wrong !== 'string' || c.wrong === '')) &&
        !(
          c.part === 'query' &&
          (c.path === ''
            ? c.keyword !== 'additionalProperties'
            : typeof c.wrong === 'object' || c.wrong === 12345)
        ),
    );
  }),
);

/** `{}` with `value` at `path` (`/a/0/b` → `{ a: [{ b: value }] }`). */
function placed(path: string, value: unknown): unknown {
  const parts = path.split('/').slice(1);
  const build = (i: number): unknown => {
    if (i === parts.length) return value;
    return /^\d+$/.test(parts[i] as string) ? [build(i + 1)] : { [parts[i] as string]: build(i + 1) };
  };
  return build(0);
}

/** Ajv's and TypeBox's own English, which no refusal may show. */
const RAW =
  /must NOT|[<>]=|must be equal to|must have required|must match|additional properties|must be (?:integer|number|string|boolean|array|object|null)\b|anyOf|equal to constant|\bexpected (?!\{)/;

test('every keyword our schemas check has words, without Ajv phrases', () => {
  const keywords = new Set(CASES.map((c) => c.keyword));
  for (const k of [
    'maxLength',
    'minLength',
    'minimum',
    'maximum',
    'required',
    'additionalProperties',
    'type',
    'anyOf (choices)',
    'minItems',
    'maxItems',
  ])
    assert.ok(keywords.has(k), `the walk finds ${k}`);
  for (const [keyword, words] of Object.entries(KEYWORD_WORDS)) {
    const sample = words({
      limit: 3,
      type: 'integer',
      allowedValues: ['a', 'b'],
      allowedValue: 'a',
      additionalProperty: 'foo',
      format: 'date-time',
      pattern: '\\S',
    });
    assert.doesNotMatch(sample, RAW, keyword);
    // The console and the CLI (detailLines, field-words.ts) show the API's words as they are.
    assert.equal(readableMessage(sample), sample, keyword);
  }
  // Schemas' other keywords must have words too (a new one fails here until it has).
  const seen = new Set<string>();
  const walk = (s: Schema) => {
    if (s === null || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach(walk);
    for (const [k, v] of Object.entries(s)) {
      if (k !== 'properties') seen.add(k);
      if (k === 'properties') Object.values(v as object).forEach(walk);
      else if (typeof v === 'object') walk(v);
    }
  };
  for (const e of ENDPOINTS as readonly Endpoint[])
    for (const part of ['params', 'query', 'body'] as const) walk(e[part]);
  const checked = [...seen].filter((k) => !DESCRIPTIVE.has(k));
  assert.deepEqual(
    checked.filter((k) => !Object.hasOwn(KEYWORD_WORDS, k)),
    [],
    'every keyword the schemas check has words',
  );
  assert.equal(keywordWords('maxLength', { limit: 100 }), 'is longer than the 100 characters it may have');
  assert.equal(keywordWords('minimum', { limit: 1 }), 'must be at least 1');
  assert.equal(oneOfWords(['create', 'update', 'delete']), 'must be one of "create", "update", "delete"');
  assert.equal(
    keywordWords('additionalProperties', { additionalProperty: 'foo' }),
    "has a field it does not know: 'foo'",
  );
});

/** The fields of `path` the console has no name for: a refusal would show their JSON names. */
const unnamed = (path: string): string[] =>
  path.split('/').filter((part) => part !== '' && !/^\d+$/.test(part) && !hasFieldWords(part));

test('every field a refusal can name has a name, as the console labels it', () => {
  const fields = new Set<string>();
  for (const c of CASES)
    if (c.endpoint.signedBy !== 'agent')
      for (const part of [...unnamed(c.path), ...unnamed(c.at)]) fields.add(part);
  assert.deepEqual([...fields].sort(), [], 'fields a refusal would name by their JSON name');
  assert.equal(readablePath('/smtp/from'), 'Mail server › Sender address');
  assert.equal(readablePath('/from'), 'From');
  assert.equal(readablePath('/mappings/0/value'), 'Role mapping 1 › Group object ID or app role value');
});

for (const dialect of DIALECTS) {
  describe(`a value a field's schema refuses, over the API on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('is refused with 400 naming the field as the console does, in words, never in Ajv’s', async () => {
      assert.ok(CASES.length >= 300, `found ${CASES.length} cases`);
      const failures: string[] = [];
      for (const c of CASES) {
        if (c.endpoint.signedBy === 'agent') continue; // refused before its input is read
        const params: Record<string, string> = {};
        for (const name of c.endpoint.path.match(/:([A-Za-z0-9_]+)/g) ?? []) params[name.slice(1)] = 'x1';
        if (c.part === 'params') params[c.path.slice(1)] = c.wrong as string;
        const query =
          c.part !== 'query'
            ? undefined
            : c.path === ''
              ? (c.wrong as Record<string, string>)
              : { [c.path.slice(1)]: c.wrong as string };
        const answer = await svc.call(c.endpoint, {
          params,
          ...(query ? { query } : {}),
          ...(c.part === 'body'
            ? { body: c.path === '' ? c.wrong : placed(c.path, c.wrong) }
            : c.endpoint.body
              ? { body: {} }
              : {}),
        });
        const where = `${c.endpoint.operationId} ${c.part} ${c.path || '/'} ${c.keyword}`;
        const message: string = answer.body?.error?.message ?? answer.text;
        if (answer.status !== 400) {
          failures.push(`${where}: ${answer.status} ${answer.text}`);
          continue;
        }
        if (RAW.test(message)) {
          failures.push(`${where}: not in words: ${message}`);
          continue;
        }
        const details = answer.body.error.details as { path: string; message: string }[];
        const named = (d: { path: string; message: string }) => {
          const field = readablePath(d.path);
          return message.includes(field === '' ? d.message : `${field}: ${d.message}`);
        };
        // A body that fits no member of a union somewhere is explained by the configuration check's
        // explainer (src/api/errors.ts bodyDetails), which may stop at the first member's problems:
        // then every line it gives must be in words and name its field.
        const explained = c.part === 'body' && JSON.stringify(c.endpoint.body).includes('"anyOf"');
        // The unknown field this test sends has no name but its own (the explainer reports it at its path).
        const raw = details.flatMap((d) => unnamed(d.path)).filter((part) => part !== 'zzNotAField');
        if (raw.length > 0) {
          failures.push(`${where}: names a field by its JSON name (${raw.join(', ')}): ${message}`);
          continue;
        }
        const exact = details.some((d) => d.path === c.at && d.message === c.words && named(d));
        const ok = exact || ((c.words === null || explained) && details.length > 0 && details.every(named));
        if (!ok) failures.push(`${where}: expected ${c.at} "${c.words}": ${message}`);
      }
      assert.deepEqual(failures, []);
    });
  });
}
