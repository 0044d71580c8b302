import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionConfig } from '../core/index.ts';
import { starterConfig } from './defaults.ts';
import { checkFieldsRead } from './fields-read.ts';

const base = starterConfig({
  environment: { baseUrl: 'http://afas.invalid' },
  token: { value: 'x' },
  tenantId: '00000000-0000-0000-0000-000000000001',
  clientId: '00000000-0000-0000-0000-000000000002',
  credential: { type: 'secret', secret: { value: 'x' } },
  defaultDomain: 'contoso.nl',
});
const reading = (...sources: string[]): ConnectionConfig => ({
  ...base,
  uniqueness: { ...base.uniqueness, candidates: [] },
  mapping: sources.map((source, i) => ({
    target: `extensionAttribute${i + 1}`,
    type: 'direct',
    source,
    apply: 'always',
  })),
});
const user = { Medewerker: '1', Roepnaam: 'Jan' };
const employment = { Medewerker: '1', ExternalID: '1-1', Functie_omschrijving: 'Tester' };

test('a name in either connector passes; one in neither fails, whichever row has it', () => {
  checkFieldsRead(reading('Roepnaam', 'Functie_omschrijving'), [[user], [employment]], []);
  // A field only a later row has (rows of one connector share their keys, but not every row need).
  checkFieldsRead(reading('Extra'), [[user, { ...user, Extra: 'x' }], [employment]], []);
  assert.throws(
    () => checkFieldsRead(reading('Roepnam'), [[user], [employment]], []),
    /reads "Roepnam", which is no field.*did you mean "Roepnaam"/,
  );
});

test('a list without rows checks nothing: an on-demand run of a person without employments reads an employment field', () => {
  checkFieldsRead(reading('Functie_omschrijving'), [[user], []], []);
  checkFieldsRead(reading('Roepnam'), [[], []], []);
});

test('the worst configuration (many misspelt names) over many rows gathers the rows\u2019 keys once', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...user, Medewerker: String(i) }));
  const names = Array.from({ length: 500 }, (_, i) => `Missing${i}`);
  const error = (() => {
    try {
      checkFieldsRead(reading(...names), [rows, [employment]], []);
    } catch (e) {
      return e as Error;
    }
    return undefined;
  })();
  assert.match(error?.message ?? '', /"Missing0".*"Missing499"/s);
});
