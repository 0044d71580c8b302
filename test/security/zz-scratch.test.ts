import { after, before, describe, test } from 'node:test';
import * as C from '../../src/contracts/index.ts';
import { configuredConnection, mappingStep, scopeStep } from '../service/support/fixtures.ts';
import { type Service, startService } from '../service/support/service.ts';

describe('scratch', () => {
  let svc: Service;
  before(async () => { svc = await startService('sqlite'); });
  after(async () => svc?.close());
  test('probe', async () => {
    const { id } = await configuredConnection(svc, 4);
    const time = async (label: string, p: Promise<{ status: number; text: string }>) => {
      const t = performance.now(); const r = await p;
      console.log(label, r.status, Math.round(performance.now() - t), 'ms', r.text.length, r.text.slice(0, 160));
    };
    const n = 150_000;
    await time('emails', svc.call(C.setNotifications, { body: { events: [], emails: Array.from({ length: n }, () => 'a b'), webhooks: [], smtp: null } }));
    await time('emails-dup', svc.call(C.setNotifications, { body: { events: [], emails: Array.from({ length: n }, (_, i) => `a${i}@b`), webhooks: [], smtp: null } }));
    await time('webhooks', svc.call(C.setNotifications, { body: { events: [], emails: [], webhooks: Array.from({ length: 40_000 }, () => ({ name: ' ', format: 'x' })), smtp: null } }));
    const m = mappingStep();
    await time('mapping-bad', svc.call(C.saveMappingStep, { as: 'operator', params: { id }, body: { ...m, mapping: Array.from({ length: 40_000 }, () => ({ x: 1 })) } }));
    await time('matching', svc.call(C.saveMappingStep, { as: 'operator', params: { id }, body: { ...m, matching: Array.from({ length: 200_000 }, () => 'x') } }));
    const s = scopeStep();
    await time('scope', svc.call(C.saveScopeStep, { as: 'operator', params: { id }, body: { ...s, scope: { ...s.scope, filters: Array.from({ length: 30_000 }, () => ({ clauses: [{ attribute: 'a', operator: 'REGEX_MATCH', value: 'a' }] })) } } }));
    await time('addOverride', svc.call(C.addOverride, { as: 'operator', params: { id }, body: { employeeNumber: 'x'.repeat(1_000_000), accountId: '{'.repeat(500_000) } }));
    await time('expr', svc.call(C.testExpression, { as: 'operator', params: { id }, body: { expression: 'Concat('.repeat(1000) + ')'.repeat(1000), employeeNumber: '1000' } }));
    await time('createUser', svc.call(C.createUser, { body: { email: `${'a'.repeat(1_000_000)}@x`, name: 'x', role: 'viewer', password: 'p'.repeat(1_000_000) } }));
    await time('signIn long pw', svc.call(C.signIn, { as: null, body: { email: svc.users.viewer.email, password: 'p'.repeat(1_500_000) } }));
  });
});
