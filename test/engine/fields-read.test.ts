/**
 * A configuration that names an AFAS field the rows do not have (a misspelt Direct source, scoping
 * filter or expression) fails the run before anything is planned, simulation and sync alike: read as
 * empty, it would have cleared that attribute for every person.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionConfig } from '../../src/core/index.ts';
import { company, type PersonSpec, tenant } from './company.ts';
import { startStack } from './stack.ts';

const people: PersonSpec[] = Array.from({ length: 4 }, (_, i) => ({
  n: String(3000 + i),
  given: ['Jan', 'Anna', 'Piet', 'Sanne'][i] as string,
  family: `Bakker${i}`,
  jobs: [{ start: '2020-01-01' }],
}));

/** The starter mapping with givenName read from `source` (a Direct rule). */
const givenNameFrom =
  (source: string) =>
  (c: ConnectionConfig): ConnectionConfig => ({
    ...c,
    mapping: c.mapping.map((m) => (m.target === 'givenName' ? { ...m, type: 'direct', source } : m)),
  });

test('a Direct source no AFAS row has fails the simulation and the sync, naming the rule, the field and the nearest one; nothing is written', async () => {
  const stack = await startStack(company(people), tenant([]), { configure: givenNameFrom('Roepnam') });
  try {
    const index = stack.config.mapping.findIndex((m) => m.target === 'givenName');
    for (const kind of ['simulation', 'sync'] as const) {
      const outcome = await stack.run(kind);
      assert.equal(outcome.status, 'failed', `${kind}: ${outcome.status}`);
      assert.equal(outcome.error?.code, 'HRS_CONFIG_INVALID');
      assert.match(
        outcome.error?.message ?? '',
        /the mapping of givenName reads "Roepnam", which is no field of the AFAS users or employments rows \(did you mean "Roepnaam"\?\)/,
      );
      assert.equal(outcome.items.length, 0, 'nothing planned');
    }
    assert.equal(stack.graphWrites(), 0);
    assert.equal((await stack.store.links()).length, 0);
    // With the field spelt right the same data plans every person.
    stack.config = givenNameFrom('Roepnaam')(stack.config);
    const fixed = await stack.run('simulation');
    assert.equal(fixed.status, 'succeeded', JSON.stringify(fixed.error));
    assert.equal(fixed.actionCounts.create, people.length);
    assert.ok(index >= 0);
  } finally {
    await stack.close();
  }
});

test('scoping filters and expressions are checked too, each problem with its place; derived attributes and constants pass', async () => {
  const stack = await startStack(company(people), tenant([]), {
    configure: (c) => ({
      ...c,
      mapping: [
        ...c.mapping.filter((m) => m.target !== 'jobTitle'),
        // Derived (Lifecycle, DepartmentPath) and constant (Domain) names are no AFAS fields, and fine.
        {
          target: 'jobTitle',
          type: 'expression',
          source: 'Join(" ", [Functie_omschrijvin], [DepartmentPath])',
          apply: 'always',
        },
      ],
      scope: {
        ...c.scope,
        filters: [{ clauses: [{ attribute: 'Soort_medewerker_cod', operator: 'EQUALS', value: 'I' }] }],
      },
    }),
  });
  try {
    const outcome = await stack.run('simulation');
    assert.equal(outcome.status, 'failed');
    const message = outcome.error?.message ?? '';
    assert.match(
      message,
      /the mapping of jobTitle reads "Functie_omschrijvin".*\(did you mean "Functie_omschrijving"\?\)/,
    );
    assert.match(
      message,
      /scoping filter 1 reads "Soort_medewerker_cod".*\(did you mean "Soort_medewerker_code"\?\)/,
    );
    assert.doesNotMatch(message, /DepartmentPath|Domain|Lifecycle/);
  } finally {
    await stack.close();
  }
});
