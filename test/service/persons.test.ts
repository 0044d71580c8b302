/**
 * The person picker's search: the connection's AFAS persons, read with its saved step 1, found by
 * employee number prefix or part of the name — and every refusal, on both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAuditEvents, saveScopeStep, saveSourceStep, searchPersons } from '../../src/contracts/index.ts';
import type { PersonSpec } from '../engine/company.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor, scopeStep, sourceStep } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

const job = { start: '2020-01-01', title: 'Adviseur' };
/** Twenty-four colleagues numbered 2000–2023, then a few people the searches are about. */
const COMPANY: readonly PersonSpec[] = [
  ...Array.from({ length: 24 }, (_, i) => ({
    n: String(2000 + i),
    given: 'Collega',
    family: `Nummer ${i}`,
    jobs: [job],
  })),
  { n: '999', given: 'Jan', family: 'Jansen', jobs: [job] },
  { n: '1002', given: 'Zoë', family: 'Boele', prefix: 'van den', jobs: [job] },
  { n: '1003', given: 'Sven', family: 'Großmann', jobs: [{ start: '2099-01-01' }] },
  { n: '1004', given: 'Ilse', family: 'Bakker', jobs: [{ start: '2010-01-01', end: '2012-12-31' }] },
];

interface Found {
  readonly employeeNumber: string;
  readonly displayName: string;
  readonly lifecycle: string;
}
const numbers = (items: readonly Found[]) => items.map((p) => p.employeeNumber);

for (const dialect of DIALECTS) {
  describe(`person search on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    let id: string;
    before(async () => {
      svc = await startService(dialect, { people: COMPANY });
      tenantId = (await createTenantFor(svc)).tenantId;
      id = (await configuredConnection(svc, 1, tenantId)).id;
    });
    after(async () => svc?.close());

    const search = (query: Record<string, string | number>, connectionId = id) =>
      svc.call(searchPersons, { as: 'viewer', params: { id: connectionId }, query });

    test('a viewer lists the persons by employee number, with name and lifecycle, at most 20 by default', async () => {
      const res = await search({});
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.total, 28);
      assert.equal(res.body.items.length, 20);
      assert.deepEqual(res.body.items.slice(0, 5), [
        { employeeNumber: '999', displayName: 'Jan Jansen', lifecycle: 'active' },
        { employeeNumber: '1002', displayName: 'Zoë van den Boele', lifecycle: 'active' },
        { employeeNumber: '1003', displayName: 'Sven Großmann', lifecycle: 'future' },
        { employeeNumber: '1004', displayName: 'Ilse Bakker', lifecycle: 'gone' },
        { employeeNumber: '2000', displayName: 'Collega Nummer 0', lifecycle: 'active' },
      ]);
      const all = await search({ limit: 100 });
      assert.equal(all.body.items.length, 28);
      assert.equal((await search({ limit: 3 })).body.items.length, 3);
    });

    test('by employee number prefix or part of the name, ignoring case and accents', async () => {
      const cases: [string, string[]][] = [
        ['100', ['1002', '1003', '1004']],
        ['2023', ['2023']],
        ['02', []],
        ['jANS', ['999']],
        ['zoe', ['1002']],
        ['VAN DEN boe', ['1002']],
        ['grossmann', ['1003']],
        [
          'nummer 1',
          ['2001', '2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019'],
        ],
        ['nobody', []],
      ];
      for (const [q, want] of cases) {
        const res = await search({ q });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(numbers(res.body.items), want, q);
        assert.equal(res.body.total, want.length, q);
      }
    });

    test('searching is a read: nothing is audited, and one AFAS read serves the searches that follow', async () => {
      const fresh = (await configuredConnection(svc, 1, tenantId)).id;
      const audited = async () =>
        (await svc.call(listAuditEvents, { query: { connectionId: fresh } })).body.total as number;
      const before = await audited();
      const reads = () => svc.afas.state.requests.count({ method: 'GET' });
      const start = reads();
      await search({ q: 'jan' }, fresh);
      const afterFirst = reads();
      assert.ok(afterFirst > start, 'the first search reads AFAS');
      await search({ q: 'jans' }, fresh);
      await search({ q: 'zoe' }, fresh);
      assert.equal(reads(), afterFirst, 'later searches use that read');
      assert.equal(await audited(), before);
    });

    test('a changed step 4 or step 1 is read afresh', async () => {
      const fresh = (await configuredConnection(svc, 4, tenantId)).id;
      const reads = () => svc.afas.state.requests.count({ method: 'GET' });
      await search({}, fresh);
      let last = reads();
      const scope = await svc.call(saveScopeStep, {
        as: 'operator',
        params: { id: fresh },
        body: { ...scopeStep(), timeZone: 'Pacific/Kiritimati' },
      });
      assert.equal(scope.status, 200, scope.text);
      assert.equal((await search({}, fresh)).status, 200);
      assert.ok(reads() > last, 'a new time zone reads again');
      last = reads();
      const source = await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id: fresh },
        body: { ...sourceStep(svc), pageSize: 10 },
      });
      assert.equal(source.status, 200, source.text);
      assert.equal((await search({}, fresh)).status, 200);
      assert.ok(reads() > last + 3, 'the new page size reads again, in more pages');
    });

    test('refusals: bad limit, no sign-in, another organisation, unknown id, step 1 not saved', async () => {
      for (const limit of [0, 101]) {
        const res = await search({ limit });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.body.error.code, 'HRS_VALIDATION');
      }
      assert.equal((await svc.call(searchPersons, { as: null, params: { id } })).status, 401);
      const theirs = await svc.call(searchPersons, { as: 'otherAdmin', params: { id } });
      assert.equal(theirs.status, 404);
      assert.equal(theirs.body.error.code, 'HRS_NOT_FOUND');
      assert.equal((await search({}, 'no-such-connection')).status, 404);
      const draft = (await configuredConnection(svc, 0, tenantId)).id;
      const unsaved = await search({}, draft);
      assert.equal(unsaved.status, 409, unsaved.text);
      assert.equal(unsaved.body.error.code, 'HRS_INVALID_STATE');
      assert.match(unsaved.body.error.message, /save step 1 first/);
    });

    test('AFAS failures answer with their own status and message, and are not remembered', async () => {
      const revoked = (await configuredConnection(svc, 1, tenantId)).id;
      svc.afas.state.faults.add({ kind: 'revoked' });
      try {
        const res = await search({ q: 'jan' }, revoked);
        assert.equal(res.status, 502, res.text);
        assert.equal(res.body.error.code, 'HRS_SOURCE_AUTH');
        assert.match(res.body.error.message, /AFAS refused the token/);
      } finally {
        svc.afas.state.faults.clear();
      }
      const healed = await search({ q: 'jan' }, revoked);
      assert.equal(healed.status, 200, healed.text);
      assert.deepEqual(numbers(healed.body.items), ['999']);

      const broken = (await configuredConnection(svc, 1, tenantId)).id;
      svc.afas.state.faults.add({ kind: 'error', connector: 'T4E_HelloID_Employments_v2', message: 'Boom' });
      try {
        const res = await search({}, broken);
        assert.equal(res.status, 502, res.text);
        assert.equal(res.body.error.code, 'HRS_SOURCE_READ_FAILED');
        assert.match(res.body.error.message, /Boom/);
      } finally {
        svc.afas.state.faults.clear();
      }
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
