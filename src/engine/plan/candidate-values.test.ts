import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attributes, AttrValue } from '../../core/index.ts';
import { type EvalContext, evaluate } from '../../expr/index.ts';
import { DEFAULT_UNIQUENESS } from '../defaults.ts';
import { CandidateValues, parseCandidates } from './candidate-values.ts';
import { cleanLocalPart } from './unique-names.ts';

const context = (attributes: Attributes): EvalContext => ({
  attributes,
  now: () => new Date(0),
  random: () => 0,
});

/** What a candidate gave when the whole Join was always evaluated again after its parts. */
function evaluatedTwice(text: string, attributes: Attributes): string {
  const [candidate] = parseCandidates([text]);
  const ast = candidate?.ast;
  if (ast?.kind === 'call' && ast.name === 'Join')
    for (const part of ast.args.slice(1)) {
      if (part.kind === 'missing') continue;
      const r = evaluate(part, context(attributes));
      if (!r.ok || r.value === null || cleanLocalPart(String(r.value)) === '') return '';
    }
  const r = evaluate(ast as NonNullable<typeof ast>, context(attributes));
  return r.ok && r.value !== null ? String(r.value) : '';
}

test('a pure Join with a text separator is put together from its parts, as evaluating it again gives', () => {
  const texts = [
    ...DEFAULT_UNIQUENESS.candidates,
    'Join("-", [a], [b], [c])',
    'Join("", [a], [b])',
    'Join(".", ToLower([a]), Mid([b], 2, 3), Coalesce([c], "x"))',
    'Join("..", [a], Join("+", [b], [c]))',
  ];
  const values: AttrValue[] = [
    ...['Jan', '', null, 7, true, ['x', '', 'y'], [], ['', ''], ' ', 'Zoë'],
    // Parts that clean to nothing, or only just not.
    ...['.-.', '_', '’', 'ß', '--9--', '·', "'"],
  ];
  for (const text of texts) assert.notEqual(parseCandidates([text])[0]?.separator, undefined, text);
  let compared = 0;
  for (const text of texts)
    for (const a of values)
      for (const b of values) {
        const attributes = {
          a,
          b,
          c: b,
          Roepnaam: a,
          Voorletters: b,
          Voorvoegsel: b,
          Geboortenaam: a,
        };
        const candidates = parseCandidates([text]);
        const [got] = [...new CandidateValues(candidates, context(attributes))];
        assert.equal(got, evaluatedTwice(text, attributes), `${text} with a=${String(a)} b=${String(b)}`);
        if (got !== '') compared++;
      }
  assert.ok(compared > 100, `only ${compared} non-empty local parts compared`);
});

test('a Join that may differ when evaluated again, or has a computed separator, is evaluated again', () => {
  for (const text of [
    'Join(".", [a], RandomString(3, 1, 1, 1, 0))',
    'Join(".", [a], Guid())',
    'Join(".", [a], Now())',
    'Join([s], [a], [b])',
    'ToLower(Join(".", [a], [b]))',
  ])
    assert.equal(parseCandidates([text])[0]?.separator, undefined, text);
  const [got] = [
    ...new CandidateValues(parseCandidates(['Join([s], [a], [b])']), context({ s: '_', a: 'x', b: 'y' })),
  ];
  assert.equal(got, 'x_y');
});
