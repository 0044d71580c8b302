/**
 * A value that does not have the form a field takes is refused in words, naming the field — never
 * with the regular expression the schema checks it by (`must match pattern "^[A-Za-z0-9.-]+…"`).
 * Every `pattern` of every endpoint's path, query and body schema is found by walking the contracts,
 * so a new pattern without words in src/contracts/pattern-words.ts fails here; then each is sent,
 * with a value of the wrong form, to the real service, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ENDPOINTS,
  type Endpoint,
  PATTERN_WORDS,
  readableMessage,
  readablePath,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { type Service, startService } from './support/service.ts';

type Part = 'params' | 'query' | 'body';

interface PatternField {
  readonly endpoint: Endpoint;
  readonly part: Part;
  /** JSON pointer of the field within its part, e.g. `/mappings/0/value`. */
  readonly path: string;
  readonly pattern: string;
}

// biome-ignore lint/suspicious/noExplicitAny: schemas are walked as plain JSON Schema
type Schema = any;

function patternsOf(schema: Schema, path: string, found: { path: string; pattern: string }[]): void {
  if (schema === null || typeof schema !== 'object') return;
  if (typeof schema.pattern === 'string') found.push({ path, pattern: schema.pattern });
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    patternsOf(property, `${path}/${name}`, found);
  }
  if (schema.items) patternsOf(schema.items, `${path}/0`, found);
  for (const member of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    patternsOf(member, path, found);
  }
}

const FIELDS: readonly PatternField[] = (ENDPOINTS as readonly Endpoint[]).flatMap((endpoint) =>
  (['params', 'query', 'body'] as const).flatMap((part) => {
    const found: { path: string; pattern: string }[] = [];
    patternsOf(endpoint[part], '', found);
    // Unique per path and pattern (a union's members may repeat one).
    const unique = new Map(found.map((f) => [`${f.path} ${f.pattern}`, f]));
    return [...unique.values()].map((f) => ({ endpoint, part, ...f }));
  }),
);

/** A value of the wrong form for each pattern (checked against it below). */
const WRONG: Readonly<Record<string, string>> = {
  '\\S': '      ',
  '^\\S+$': 'two words',
  '^[^\\u0000-\\u001F\\u007F-\\u009F]*$': 'a name\u0007with a bell',
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$': '2027-03-01 06:00',
  '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$': 'contoso',
  '^[^,;]+$': '100051,100052',
  '^[A-Za-z0-9{}=,._:-]+$': 'an account id',
  '^[A-Za-z0-9{}=._:-]+(,[A-Za-z0-9{}=._:-]+){0,19}$': 'an id,another id',
  '^(?:[Hh][Tt][Tt][Pp][Ss]|[Hh][Tt][Tt][Pp])://': 'ftp://login.example.com',
  '^[^@\\s]+@[^@\\s]+$': 'anna at contoso.nl',
  '^[A-Za-z0-9.-]+$|^\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]?$': 'smtp server!',
  '^[A-Za-z0-9_-]+$': 'an invitation token that was cut',
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$': 'not-a-guid-at-all',
  '^[0-9A-Za-z -]+$': '123 456!',
  '^[A-Za-z0-9_-]{43}$': 'not-a-key',
  '^[0-9]{5,6}$': '1234',
  '^\\s*[^,;\\s][^,;]*$': '100051;100052',
};

/** `{}` with `value` at `path` (`/a/0/b` → `{ a: [{ b: value }] }`). */
function placed(path: string, value: unknown): unknown {
  const parts = path.split('/').slice(1);
  const build = (i: number): unknown => {
    if (i === parts.length) return value;
    return /^\d+$/.test(parts[i] as string) ? [build(i + 1)] : { [parts[i] as string]: build(i + 1) };
  };
  return build(0);
}

test('every pattern of every endpoint has words, and the words show no regular expression', () => {
  assert.ok(FIELDS.length >= 20, `found ${FIELDS.length} pattern fields`);
  for (const f of FIELDS) {
    const where = `${f.endpoint.operationId} ${f.part} ${f.path}`;
    const words = PATTERN_WORDS[f.pattern];
    assert.ok(words, `${where}: no words for the pattern ${f.pattern}`);
    assert.ok(!words.includes(f.pattern), where);
    assert.doesNotMatch(
      words,
      /[\\^$]|\[.*\]\{|\(\?:/,
      `${where}: "${words}" reads like a regular expression`,
    );
    const wrong = WRONG[f.pattern];
    assert.ok(wrong !== undefined, `${where}: the test has no wrong value for ${f.pattern}`);
    assert.ok(!new RegExp(f.pattern, 'u').test(wrong), `${where}: ${JSON.stringify(wrong)} must not fit`);
  }
  // The console's and the CLI's words for Ajv's and TypeBox's phrases read the same table.
  assert.equal(readableMessage('must match pattern "\\S"'), 'must not be blank');
  assert.equal(
    readableMessage("Expected string to match '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'"),
    PATTERN_WORDS['^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'],
  );
});

for (const dialect of DIALECTS) {
  describe(`a value not in a field's form, over the API on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('is refused with 400 naming the field and saying in words what it takes, never the pattern', async () => {
      const failures: string[] = [];
      for (const f of FIELDS) {
        if (f.endpoint.signedBy === 'agent') continue; // refused before its input is read
        const wrong = WRONG[f.pattern] as string;
        const params: Record<string, string> = {};
        for (const name of f.endpoint.path.match(/:([A-Za-z0-9_]+)/g) ?? []) params[name.slice(1)] = 'x1';
        if (f.part === 'params') params[f.path.slice(1)] = wrong;
        const answer = await svc.call(f.endpoint, {
          params,
          ...(f.part === 'query' ? { query: { [f.path.slice(1)]: wrong } } : {}),
          ...(f.part === 'body' ? { body: placed(f.path, wrong) } : f.endpoint.body ? { body: {} } : {}),
        });
        const where = `${f.endpoint.operationId} ${f.part} ${f.path}`;
        const words = PATTERN_WORDS[f.pattern] as string;
        const message: string = answer.body?.error?.message ?? answer.text;
        if (answer.status !== 400) {
          failures.push(`${where}: ${answer.status} ${answer.text}`);
          continue;
        }
        if (message.includes('pattern') || message.includes(f.pattern)) {
          failures.push(`${where}: shows the pattern: ${message}`);
          continue;
        }
        const details = answer.body.error.details as { path: string; message: string }[];
        const inWords =
          message.includes(`${readablePath(f.path)}: ${words}`) &&
          details.some((d) => d.path === f.path && d.message === words);
        // A field inside a union (a step's AFAS environment) is explained by the member the value was
        // meant to be, in its described form (core/config/explain-errors.ts), at the field or the union.
        const explained = details.some(
          (d) =>
            (d.path === f.path || f.path.startsWith(`${d.path}/`)) &&
            d.message.startsWith('expected ') &&
            message.includes(`${readablePath(d.path)}: ${d.message}`),
        );
        if (!inWords && !explained) failures.push(`${where}: not in words: ${message}`);
      }
      assert.deepEqual(failures, []);
    });
  });
}
