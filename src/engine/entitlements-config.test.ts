import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnectionConfig } from '../core/index.ts';
import { checkConfig } from './check-config.ts';

const SKU = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const EXCHANGE = '9aaf7827-d63c-4b61-89c3-182f06f82e5c';

const base = (entitlements: unknown) => ({
  version: 1,
  source: { type: 'afas-profit', environment: { number: '12345' }, token: { env: 'T' } },
  target: {
    type: 'entra',
    tenantId: 't',
    clientId: 'c',
    credential: { type: 'secret', secret: { env: 'S' } },
    defaultDomain: 'contoso.nl',
  },
  mapping: [{ target: 'employeeId', type: 'direct', source: 'Medewerker' }],
  uniqueness: { candidates: ['[Roepnaam]'] },
  scope: {},
  persons: {},
  lifecycle: {},
  thresholds: {},
  writeBack: {},
  entitlements,
});

test('entitlement rules: defaults filled in (grant at enable, removed at once, not authoritative)', () => {
  const r = parseConnectionConfig(
    base([
      { name: 'Everyone', licences: [{ skuId: SKU, disabledPlans: [EXCHANGE] }] },
      {
        name: 'Sales',
        condition: [
          { clauses: [{ attribute: 'Organisatorische_eenheid_code', operator: 'EQUALS', value: 'SAL' }] },
        ],
        groups: [{ id: '2d7c4b1e-1111-4c2a-9b3d-5e6f7a8b9c0d', displayName: 'Sales' }],
      },
    ]),
  );
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const [everyone, sales] = r.config.entitlements ?? [];
  assert.deepEqual(everyone?.condition, []);
  assert.deepEqual(everyone?.groups, []);
  assert.equal(everyone?.grantAt, 'enable');
  assert.equal(everyone?.removeAfterDays, 0);
  assert.equal(everyone?.authoritative, false);
  assert.equal(sales?.licences.length, 0);
  assert.deepEqual(checkConfig(r.config), []);
});

test('entitlements are optional: a configuration without them has none', () => {
  const { entitlements: _, ...rest } = base([]);
  const r = parseConnectionConfig(rest);
  assert.ok(r.ok);
  assert.equal(r.config.entitlements, undefined);
});

test('entitlement rules: every problem reported by path', () => {
  const r = parseConnectionConfig(
    base([
      { name: 'Nothing' },
      { name: 'nothing', licences: [{ skuId: SKU }, { skuId: SKU.toUpperCase() }] },
      { name: 'Bad sku', licences: [{ skuId: 'E3' }], grantAt: 'hire', removeAfterDays: -1 },
    ]),
  );
  assert.ok(!r.ok);
  const byPath = new Map(r.errors.map((e) => [e.path, e.message]));
  assert.match(byPath.get('/entitlements/0') ?? '', /at least one group or licence/);
  assert.match(byPath.get('/entitlements/1/name') ?? '', /already the name of \/entitlements\/0/);
  assert.match(byPath.get('/entitlements/1/licences/1/skuId') ?? '', /listed twice/);
  assert.ok(byPath.has('/entitlements/2/licences/0/skuId'), [...byPath.keys()].join(' '));
  assert.ok(byPath.has('/entitlements/2/grantAt'));
  assert.ok(byPath.has('/entitlements/2/removeAfterDays'));
});

test('entitlement conditions are checked like scoping filters, at the rule path', () => {
  const r = parseConnectionConfig(
    base([
      {
        name: 'Regex',
        groups: [{ id: 'g' }],
        condition: [
          {
            clauses: [
              { attribute: 'x', operator: 'REGEX_MATCH', value: '(' },
              { attribute: 'y', operator: 'EQUALS' },
            ],
          },
        ],
      },
    ]),
  );
  assert.ok(r.ok);
  const errors = checkConfig(r.config);
  assert.deepEqual(
    errors.map((e) => e.path),
    ['/entitlements/0/condition/0/clauses/0/value', '/entitlements/0/condition/0/clauses/1/value'],
  );
});
