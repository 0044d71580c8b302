/**
 * "Preview impact" of an unsaved step 3 or 4, and comparing two runs, over real HTTP against the
 * service (SQLite and PostgreSQL), the real engine and both emulators. A preview is validated like
 * a save (same errors, same roles), answers with whose plan differs and how, and changes nothing:
 * not the connection (state, progress, configuration, activation gate), not its runs, not the
 * engine's state or links, not the tenant; the audit log gains only "connection.previewed".
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  compareRuns,
  createConnection,
  type Endpoint,
  getConnection,
  getPreview,
  getRun,
  listAuditEvents,
  listRuns,
  pathFor,
  previewMappingStep,
  previewScopeStep,
  saveMappingStep,
  saveScopeStep,
  signIn,
  simulate,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor, mappingStep, scopeStep, unique } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService, type UserKey } from './support/service.ts';

interface HttpReply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
}

/** A draft of step 3 where everyone's job title becomes one text. */
const titleDraft = (title: string) => {
  const draft = mappingStep();
  draft.mapping = draft.mapping.map((r) =>
    r.target === 'jobTitle'
      ? { target: 'jobTitle', type: 'constant' as const, source: title, apply: 'always' as const }
      : r,
  );
  return draft;
};

for (const dialect of DIALECTS) {
  describe(`preview impact and run comparison on ${dialect}`, () => {
    let svc: Service;
    let base = '';
    const cookies = new Map<UserKey, string>();

    const http = async (
      endpoint: Endpoint,
      o: {
        as?: UserKey;
        params?: Record<string, string>;
        query?: Record<string, string | number>;
        body?: unknown;
      } = {},
    ): Promise<HttpReply> => {
      const who = o.as ?? 'admin';
      let cookie = cookies.get(who);
      if (cookie === undefined) {
        const res = await fetch(base + pathFor(signIn), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: svc.users[who].email, password: svc.users[who].password }),
        });
        assert.equal(res.status, 200);
        cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        cookies.set(who, cookie);
      }
      const query = new URLSearchParams(
        Object.entries(o.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
      );
      const res = await fetch(`${base}${pathFor(endpoint, o.params ?? {})}${query.size ? `?${query}` : ''}`, {
        method: endpoint.method,
        headers: {
          cookie,
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      });
      const text = await res.text();
      svc.responses.push({ operationId: endpoint.operationId, body: text });
      return { status: res.status, body: text === '' ? null : JSON.parse(text) };
    };

    /** Everything a preview must leave as it was. */
    const snapshot = async (id: string) => {
      const connection = (await http(getConnection, { params: { id } })).body;
      const runs = (await http(listRuns, { params: { id } })).body;
      const audit = (await http(listAuditEvents, { query: { pageSize: 1 } })).body;
      const engine = svc.store.engineStore(id);
      return {
        connection,
        runs: runs.items.map((r: { id: string; status: string }) => `${r.id}:${r.status}`),
        auditTotal: audit.total,
        state: await engine.getState(),
        links: (await engine.links()).length,
        cached: (await engine.cachedAccounts())?.length ?? null,
        users: svc.graph.state.directory.snapshot().users.length,
      };
    };

    before(async () => {
      svc = await startService(dialect);
      await svc.app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(svc.app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      if (svc) await assertNoSecretsLeaked(svc);
      await svc?.close();
    });

    test('a step 3 draft: who changes and how, side by side; nothing about the connection moves', async () => {
      const { id } = await configuredConnection(svc, 4);
      const queued = await http(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202);
      assert.equal(await svc.drain(), 1);
      const before = await snapshot(id);
      assert.equal(
        before.connection.activation.kind,
        'allowed',
        JSON.stringify(before.connection.activation),
      );

      const res = await http(previewMappingStep, {
        as: 'operator',
        params: { id },
        query: { pageSize: 2 },
        body: titleDraft('Teamlid'),
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const p = res.body;
      assert.equal(p.step, 3);
      assert.equal(p.saved.status, 'succeeded');
      assert.equal(p.draft.status, 'succeeded');
      assert.equal(p.saved.sourceCount, 3);
      assert.equal(p.difference.compared, 3);
      assert.equal(p.difference.changed, 3);
      assert.deepEqual(p.difference.byKind, { action: 0, status: 0, values: 3 });
      assert.equal(p.difference.beforeActions.create, 3);
      assert.equal(p.difference.afterActions.create, 3);
      assert.equal(p.persons.total, 3);
      assert.equal(p.persons.items.length, 2, 'the page size asked for');
      const jan = p.persons.items.find((i: { employeeNumber: string }) => i.employeeNumber === '1001');
      assert.ok(jan, JSON.stringify(p.persons.items));
      assert.deepEqual(jan.attributes, [
        { attribute: 'jobTitle', current: null, before: 'Adviseur', after: 'Teamlid' },
      ]);
      assert.equal(jan.before.action, 'create');
      assert.equal(jan.after.action, 'create');

      // Further pages and filters of the kept preview.
      const page2 = await http(getPreview, {
        as: 'operator',
        params: { id, previewId: p.id },
        query: { page: 2, pageSize: 2 },
      });
      assert.equal(page2.status, 200);
      assert.equal(page2.body.persons.items.length, 1);
      const found = await http(getPreview, {
        as: 'operator',
        params: { id, previewId: p.id },
        query: { q: 'boele' },
      });
      assert.deepEqual(
        found.body.persons.items.map((i: { employeeNumber: string }) => i.employeeNumber),
        ['1002'],
      );
      const byAction = await http(getPreview, {
        as: 'operator',
        params: { id, previewId: p.id },
        query: { kind: 'action' },
      });
      assert.equal(byAction.body.persons.total, 0);

      // The same draft unchanged from what is saved: nothing differs.
      const same = await http(previewMappingStep, { as: 'operator', params: { id }, body: mappingStep() });
      assert.equal(same.status, 200);
      assert.equal(same.body.difference.changed, 0);

      const after = await snapshot(id);
      assert.deepEqual(
        { ...after, auditTotal: 0 },
        { ...before, auditTotal: 0 },
        'a preview changes nothing: connection, gate, runs, engine state, tenant',
      );
      // Reading AFAS is audited, as the expression tester is: the two previews, nothing else.
      assert.equal(after.auditTotal, before.auditTotal + 2);
      const events = await http(listAuditEvents, { query: { pageSize: 2 } });
      assert.deepEqual(
        events.body.items.map((e: { action: string }) => e.action),
        ['connection.previewed', 'connection.previewed'],
      );
      assert.ok(
        events.body.items.some((e: { message: string }) => /3 of 3 persons would change/.test(e.message)),
        JSON.stringify(events.body.items),
      );
    });

    test('a step 4 draft: persons leaving the scope show their action moving', async () => {
      const { id } = await configuredConnection(svc, 4);
      const before = await snapshot(id);
      const draft = scopeStep();
      draft.scope = {
        filters: [{ clauses: [{ attribute: 'Medewerker', operator: 'NOT_EQUALS', value: '1002' }] }],
        outOfScope: 'disable',
      };
      const res = await http(previewScopeStep, { as: 'operator', params: { id }, body: draft });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.step, 4);
      assert.equal(res.body.difference.changed, 1);
      const [eva] = res.body.persons.items;
      assert.equal(eva.employeeNumber, '1002');
      assert.deepEqual(eva.kinds.includes('action'), true);
      assert.equal(eva.before.action, 'create');
      assert.equal(eva.after.action, 'out-of-scope');
      assert.deepEqual(res.body.difference.transitions, [{ from: 'create', to: 'out-of-scope', count: 1 }]);
      assert.deepEqual({ ...(await snapshot(id)), auditTotal: 0 }, { ...before, auditTotal: 0 });
    });

    test('validated exactly like a save: same errors, same roles, same organisation rule', async () => {
      const { id } = await configuredConnection(svc, 4);
      const bad = mappingStep();
      bad.mapping = [
        ...bad.mapping.filter((r) => r.target !== 'department'),
        { target: 'department', type: 'expression', source: 'Left([Functie_omschrijving]', apply: 'always' },
      ];
      const saved = await http(saveMappingStep, { as: 'operator', params: { id }, body: bad });
      const previewed = await http(previewMappingStep, { as: 'operator', params: { id }, body: bad });
      assert.equal(saved.status, 400, JSON.stringify(saved.body));
      assert.equal(previewed.status, saved.status);
      assert.deepEqual(previewed.body.error, saved.body.error);

      const unsafe = scopeStep();
      unsafe.scope = {
        filters: [{ clauses: [{ attribute: 'Roepnaam', operator: 'REGEX_MATCH', value: '^(a+)+$' }] }],
        outOfScope: 'disable',
      };
      const savedScope = await http(saveScopeStep, { as: 'operator', params: { id }, body: unsafe });
      const previewedScope = await http(previewScopeStep, { as: 'operator', params: { id }, body: unsafe });
      assert.equal(savedScope.body.error.code, 'HRS_PATTERN_UNSAFE');
      assert.deepEqual(previewedScope.body.error, savedScope.body.error);

      const shape = await http(previewScopeStep, {
        as: 'operator',
        params: { id },
        body: { scope: { filters: 'x' } },
      });
      const shapeSaved = await http(saveScopeStep, {
        as: 'operator',
        params: { id },
        body: { scope: { filters: 'x' } },
      });
      assert.equal(shape.status, 400);
      assert.deepEqual(shape.body.error, shapeSaved.body.error);

      // A viewer may not save, so may not preview; another organisation's connection does not exist.
      assert.equal(
        (await http(previewMappingStep, { as: 'viewer', params: { id }, body: mappingStep() })).status,
        403,
      );
      assert.equal(
        (await http(previewMappingStep, { as: 'otherAdmin', params: { id }, body: mappingStep() })).status,
        404,
      );

      // A step that cannot be saved yet cannot be previewed either.
      const created = await http(createConnection, {
        as: 'operator',
        body: { name: unique('Connection'), description: '', destinationType: 'cloud' },
      });
      const fresh = await http(previewScopeStep, {
        as: 'operator',
        params: { id: created.body.id },
        body: scopeStep(),
      });
      const freshSave = await http(saveScopeStep, {
        as: 'operator',
        params: { id: created.body.id },
        body: scopeStep(),
      });
      assert.equal(fresh.status, 409);
      assert.deepEqual(fresh.body.error, freshSave.body.error);

      // A preview of another connection, or one never made, is not found.
      const made = await http(previewMappingStep, { as: 'operator', params: { id }, body: mappingStep() });
      assert.equal(made.status, 200);
      const { id: other } = await configuredConnection(svc, 4);
      assert.equal(
        (await http(getPreview, { as: 'operator', params: { id: other, previewId: made.body.id } })).status,
        404,
      );
      assert.equal(
        (await http(getPreview, { as: 'otherAdmin', params: { id, previewId: made.body.id } })).status,
        404,
      );
      assert.equal(
        (await http(getPreview, { as: 'viewer', params: { id, previewId: made.body.id } })).status,
        403,
      );
    });

    test('compare two runs: what changed since the earlier one, and which runs can be compared', async () => {
      const { tenantId } = await createTenantFor(svc);
      const { id } = await configuredConnection(svc, 4, tenantId);
      const first = await http(simulate, { as: 'operator', params: { id } });
      assert.equal(await svc.drain(), 1);
      const saved = await http(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: titleDraft('Medewerker'),
      });
      assert.equal(saved.status, 200);
      const confirmed = await http(saveScopeStep, { as: 'operator', params: { id }, body: scopeStep() });
      assert.equal(confirmed.status, 200);
      const second = await http(simulate, { as: 'operator', params: { id } });
      assert.equal(second.status, 202, JSON.stringify(second.body));
      assert.equal(await svc.drain(), 1);

      const res = await http(compareRuns, {
        as: 'viewer',
        params: { id: second.body.id },
        query: { with: first.body.id, pageSize: 10 },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.base.id, first.body.id);
      assert.equal(res.body.run.id, second.body.id);
      assert.equal(res.body.difference.changed, 3);
      const bos = res.body.persons.items.find((i: { employeeNumber: string }) => i.employeeNumber === '1000');
      assert.deepEqual(bos.attributes, [
        { attribute: 'jobTitle', current: null, before: 'Directeur', after: 'Medewerker' },
      ]);
      const filtered = await http(compareRuns, {
        params: { id: second.body.id },
        query: { with: first.body.id, q: '1002' },
      });
      assert.equal(filtered.body.persons.total, 1);

      // Itself: nothing differs.
      const self = await http(compareRuns, {
        params: { id: second.body.id },
        query: { with: second.body.id },
      });
      assert.equal(self.body.difference.changed, 0);

      // Another connection's run, a queued run, another organisation.
      const { id: otherId } = await configuredConnection(svc, 4, tenantId);
      const queued = await http(simulate, { as: 'operator', params: { id: otherId } });
      const cross = await http(compareRuns, {
        params: { id: second.body.id },
        query: { with: queued.body.id },
      });
      assert.equal(cross.status, 409);
      assert.match(cross.body.error.message, /another connection/);
      assert.equal(queued.status, 202, JSON.stringify(queued.body));
      assert.equal(await svc.drain(), 1);
      const queuedAgain = await http(simulate, { as: 'operator', params: { id } });
      const notDone = await http(compareRuns, {
        params: { id: queuedAgain.body.id },
        query: { with: first.body.id },
      });
      assert.equal(notDone.status, 409);
      assert.match(notDone.body.error.message, /queued/);
      assert.equal(
        (
          await http(compareRuns, {
            as: 'otherAdmin',
            params: { id: second.body.id },
            query: { with: first.body.id },
          })
        ).status,
        404,
      );
      assert.equal(await svc.drain(), 1);
      const run = await http(getRun, { params: { id: queuedAgain.body.id } });
      assert.equal(run.body.status, 'succeeded');
    });
  });
}
