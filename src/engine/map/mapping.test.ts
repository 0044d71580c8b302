import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attributes, MappingRule } from '../../core/index.ts';
import { compileMapping, evaluateRules, evaluateRulesIn } from './mapping.ts';

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

test('direct, constant and expression rules mixed keep their order, values and failures', () => {
  const rules: MappingRule[] = [
    {
      target: 'displayName',
      type: 'expression',
      source: 'Join(" ", [Roepnaam], [Achternaam])',
      apply: 'always',
    },
    { target: 'givenName', type: 'direct', source: 'Roepnaam', apply: 'always', default: 'X' },
    { target: 'usageLocation', type: 'constant', source: 'NL', apply: 'always' },
    { target: 'employeeHireDate', type: 'direct', source: 'Start', apply: 'always' },
    { target: 'accountEnabled', type: 'direct', source: 'Actief', apply: 'always' },
    {
      target: 'surname',
      type: 'expression',
      source: 'IgnoreFlowIfNullOrEmpty([Achternaam])',
      apply: 'always',
    },
  ];
  const types = { employeeHireDate: 'datetime', accountEnabled: 'boolean' } as const;
  const compiled = compileMapping(rules, types);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const all = evaluateRules(
    compiled.mapping.rules,
    { Roepnaam: ' Jan ', Achternaam: 'Smit', Start: '2026-03-01T23:00:00Z', Actief: 'True' },
    context,
  );
  assert.deepEqual(
    Object.keys(all.values),
    rules.map((r) => r.target),
  );
  assert.deepEqual(all.values, {
    displayName: 'Jan  Smit',
    givenName: 'Jan',
    usageLocation: 'NL',
    employeeHireDate: '2026-03-01T23:00:00Z',
    accountEnabled: true,
    surname: 'Smit',
  });
  // No surname: it does not flow, the rest is there; an empty given name takes its default.
  const some = evaluateRules(compiled.mapping.rules, { Roepnaam: '', Start: '2026-03-01' }, context);
  assert.deepEqual(some.values, {
    displayName: null,
    givenName: 'X',
    usageLocation: 'NL',
    employeeHireDate: '2026-03-01T00:00:00Z',
    accountEnabled: null,
  });
  assert.deepEqual([...some.notFlowed], ['surname']);
});

test('a date and time becomes YYYY-MM-DDTHH:mm:ssZ; one in that form that names no real instant is parsed as before', () => {
  const hire = (value: string) =>
    mapped(
      [{ target: 'employeeHireDate', type: 'direct', source: 'Start', apply: 'always' }],
      { Start: value },
      { employeeHireDate: 'datetime' } as never,
    ).employeeHireDate;
  assert.equal(hire('2026-11-28T23:00:00Z'), '2026-11-28T23:00:00Z');
  assert.equal(hire(' 2024-02-29T00:00:00Z '), '2024-02-29T00:00:00Z');
  assert.equal(hire('2026-11-28T23:00:00.000Z'), '2026-11-28T23:00:00Z');
  assert.equal(hire('2026-11-29T00:00:00+01:00'), '2026-11-28T23:00:00Z');
  // Not in the form's ranges: what Date.parse makes of it (here: nothing, so the text stays).
  for (const odd of ['2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-01-01T24:61:00Z'])
    assert.equal(hire(odd), odd);
  const leapless = hire('2025-02-29T00:00:00Z');
  const parsed = Date.parse('2025-02-29T00:00:00Z');
  assert.equal(
    leapless,
    Number.isNaN(parsed) ? '2025-02-29T00:00:00Z' : new Date(parsed).toISOString().replace(/\.000Z$/, 'Z'),
  );
});

test('refilled values (a run that keeps none) are the values a fresh evaluation gives, person after person', () => {
  const compiled = compileMapping(
    [
      { target: 'givenName', type: 'direct', source: 'Roepnaam', apply: 'always' },
      { target: 'usageLocation', type: 'constant', source: 'NL', apply: 'always' },
      {
        target: 'displayName',
        type: 'expression',
        source: 'Join(" ", [Roepnaam], [Achternaam])',
        apply: 'always',
      },
    ],
    {},
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const rules = compiled.mapping.rules;
  const persons: Attributes[] = [
    { Roepnaam: 'Anna', Achternaam: 'Jansen' },
    { Roepnaam: ' Piet ', Achternaam: 'de Vries' },
    { Achternaam: 'Bakker' },
  ];
  const seen = new Set<object>();
  for (const attributes of persons) {
    const fresh = { ...evaluateRules(rules, attributes, context).values };
    const refilled = evaluateRulesIn(rules, { ...context, attributes }, true).values;
    seen.add(refilled);
    assert.deepEqual({ ...refilled }, fresh);
    assert.deepEqual(Object.keys(refilled), Object.keys(fresh));
  }
  // One object for every person: nothing is made per person.
  assert.equal(seen.size, 1);
  // Without `refill`, each evaluation's values are its own.
  const a = evaluateRulesIn(rules, { ...context, attributes: persons[0] as Attributes }).values;
  const b = evaluateRulesIn(rules, { ...context, attributes: persons[1] as Attributes }).values;
  assert.notEqual(a, b);
  assert.equal(a.givenName, 'Anna');
});
