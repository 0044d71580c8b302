import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Person, ScopeConfig } from '../../core/index.ts';
import { compileScope, validateScope } from './scope.ts';

const person = (attributes: Person['attributes']): Person => ({
  employeeNumber: '1',
  displayName: 'x',
  lifecycle: 'active',
  employments: [],
  primary: null,
  attributes,
});

test('clauses are AND-ed inside a filter and filters are OR-ed', () => {
  const config: ScopeConfig = {
    outOfScope: 'disable',
    filters: [
      {
        clauses: [
          { attribute: 'Werkgever_code', operator: 'EQUALS', value: 'CONTOSO' },
          { attribute: 'FTE', operator: 'GREATER_THAN', value: '0.2' },
        ],
      },
      { clauses: [{ attribute: 'Soort_medewerker_code', operator: 'INCLUDES', value: 'I, E' }] },
    ],
  };
  const scope = compileScope(config);
  assert.equal(scope(person({ Werkgever_code: 'contoso', FTE: 0.5 })).inScope, true);
  assert.equal(scope(person({ Werkgever_code: 'contoso', FTE: 0.1 })).inScope, false);
  assert.equal(scope(person({ Werkgever_code: 'other', Soort_medewerker_code: 'E' })).inScope, true);
  const out = scope(person({ Werkgever_code: 'other', Soort_medewerker_code: 'S' }));
  assert.equal(out.inScope, false);
  assert.match(out.reason, /filter 1: Werkgever_code EQUALS "CONTOSO" is false/);
});

test('every operator', () => {
  const cases: [ScopeConfig['filters'][number]['clauses'][number], Person['attributes'], boolean][] = [
    [{ attribute: 'a', operator: 'NOT_EQUALS', value: 'x' }, { a: 'y' }, true],
    [{ attribute: 'a', operator: 'IS_NULL' }, { a: '' }, true],
    [{ attribute: 'a', operator: 'IS_NOT_NULL' }, { a: null }, false],
    [{ attribute: 'a', operator: 'IS_TRUE' }, { a: true }, true],
    [{ attribute: 'a', operator: 'IS_FALSE' }, { a: 'False' }, true],
    [{ attribute: 'a', operator: 'REGEX_MATCH', value: '^IT-\\d+$' }, { a: 'it-42' }, true],
    [{ attribute: 'a', operator: 'NOT_REGEX_MATCH', value: '^IT' }, { a: 'HR' }, true],
    [{ attribute: 'a', operator: 'STARTS_WITH', value: 'van' }, { a: 'Van Dijk' }, true],
    [{ attribute: 'a', operator: 'ENDS_WITH', value: 'dijk' }, { a: 'Van Dijk' }, true],
    [{ attribute: 'a', operator: 'GREATER_THAN_OR_EQUALS', value: '10' }, { a: 9 }, false],
    [{ attribute: 'a', operator: 'LESS_THAN', value: '2026-01-01' }, { a: '2025-12-31' }, true],
  ];
  for (const [clause, attributes, expected] of cases) {
    const scope = compileScope({ outOfScope: 'none', filters: [{ clauses: [clause] }] });
    assert.equal(scope(person(attributes)).inScope, expected, JSON.stringify(clause));
  }
});

test('validation names the bad clause', () => {
  const errors = validateScope({
    outOfScope: 'none',
    filters: [
      {
        clauses: [
          { attribute: 'a', operator: 'REGEX_MATCH', value: '(' },
          { attribute: 'b', operator: 'EQUALS' },
        ],
      },
    ],
  });
  assert.equal(errors.length, 2);
  assert.equal(errors[0]?.path, '/scope/filters/0/clauses/0/value');
  // What is wrong, said once (V8's own words start "Invalid regular expression:" too).
  assert.equal(errors[0]?.message, 'is not a valid regular expression: /(/: Unterminated group');
  assert.match(errors[1]?.message ?? '', /EQUALS needs a value/);
});
