import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attributes, MappingRule } from '../../core/index.ts';
import { compileMapping, evaluateRules } from './mapping.ts';

const context = { now: () => '2026-11-24T09:00:00Z', random: () => 0.5 };

function mapped(
  rules: MappingRule[],
  attributes: Attributes,
  types: Record<string, 'string' | 'string[]'> = {},
) {
  const compiled = compileMapping(rules, types);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return evaluateRules(compiled.mapping.rules, attributes, context).values;
}

test('a text attribute is trimmed; an empty one takes the default; only blanks is no value (not the default)', () => {
  const rule = (source: string): MappingRule => ({
    target: 'jobTitle',
    type: 'direct',
    source,
    apply: 'always',
    default: 'Medewerker',
  });
  const cases: [Attributes, unknown][] = [
    [{ Functie: '  Adviseur ' }, 'Adviseur'],
    [{ Functie: 'Adviseur' }, 'Adviseur'],
    [{ Functie: '' }, 'Medewerker'],
    [{ Functie: null }, 'Medewerker'],
    [{}, 'Medewerker'],
    [{ Functie: '   ' }, null],
    [{ Functie: 42 as never }, '42'],
    [{ Functie: [' a', 'b '] as never }, 'a,b'],
    [{ Functie: [] as never }, 'Medewerker'],
  ];
  for (const [attributes, expected] of cases)
    assert.deepEqual(mapped([rule('Functie')], attributes).jobTitle, expected, JSON.stringify(attributes));
});

test('a text default is trimmed as the value would be; an empty default is no value', () => {
  const withDefault = (d: string): MappingRule => ({
    target: 'department',
    type: 'direct',
    source: 'Afdeling',
    apply: 'always',
    default: d,
  });
  assert.equal(mapped([withDefault('  Staf ')], { Afdeling: '' }).department, 'Staf');
  assert.equal(mapped([withDefault('')], { Afdeling: '' }).department, null);
  assert.equal(mapped([withDefault('  ')], {}).department, null);
});

test('a constant is the same coerced value for every person; a list constant cannot be changed by one of them', () => {
  const rules: MappingRule[] = [
    { target: 'usageLocation', type: 'constant', source: ' NL ', apply: 'always' },
    { target: 'otherMails', type: 'constant', source: 'info@contoso.nl', apply: 'always' },
  ];
  const compiled = compileMapping(rules, { otherMails: 'string[]' });
  if (!compiled.ok) throw new Error('does not compile');
  const first = evaluateRules(compiled.mapping.rules, { a: '1' }, context).values;
  const second = evaluateRules(compiled.mapping.rules, { a: '2' }, context).values;
  assert.equal(first.usageLocation, 'NL');
  assert.deepEqual(first.otherMails, ['info@contoso.nl']);
  assert.equal(second.otherMails, first.otherMails);
  assert.ok(Object.isFrozen(first.otherMails));
});
