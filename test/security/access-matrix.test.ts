/**
 * The role × organisation matrix (issue 10, item 8): every operation, called by every caller that
 * may not use it — nobody, a role below the operation's, and an admin of another organisation
 * pointing at this organisation's real ids — with an empty body. 0 unauthorised successes (2xx),
 * and no answer to the other organisation carries one of this organisation's ids. SQLite and
 * PostgreSQL, real service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENDPOINTS, type Endpoint } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';
import { populate, realParams, request, type World } from './support/world.ts';

const RANK = { public: 0, viewer: 1, operator: 2, admin: 3 } as const;

for (const dialect of DIALECTS) {
  describe(`role × organisation matrix on ${dialect}`, () => {
    let svc: Service;
    let world: World;
    before(async () => {
      svc = await startService(dialect);
      world = await populate(svc);
    });
    after(async () => svc?.close());

    test('every operation × (nobody, lower roles, another organisation): 0 unauthorised successes', async () => {
      const unauthorised: string[] = [];
      let calls = 0;
      const ours = Object.values(world.ids).filter((id) => !id.startsWith('00000000-'));
      // Id-less operations (lists, the audit log) first: the other organisation's own audit log later
      // records the ids it tried, which is its own history, not a leak.
      const ordered = [...(ENDPOINTS as readonly Endpoint[])].sort(
        (a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')),
      );
      for (const e of ordered) {
        if (e.access === 'public') continue; // sign-in and the agent protocol: their own credentials
        const params = realParams(e, world);
        const callers: [string, string | null][] = [['nobody', null]];
        for (const role of ['viewer', 'operator'] as const)
          if (RANK[role] < RANK[e.access]) callers.push([role, world.bearer[role]]);
        callers.push(['otherAdmin', world.bearer.otherAdmin]);
        for (const [who, bearer] of callers) {
          // An id-less list answered to another organisation is its own data; checked below.
          const idless = Object.keys(params).length === 0 && who === 'otherAdmin';
          const res = await svc.app.inject(
            request(e, params, bearer, e.body === undefined ? {} : { payload: {} }),
          );
          calls++;
          if (!idless && res.statusCode < 300)
            unauthorised.push(`${who} ${e.operationId} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          if (who === 'otherAdmin') {
            // A 404 may repeat the id the caller sent; any other of our ids in the answer is a leak.
            const sent = Object.values(params);
            const leaked = ours.filter((id) => !sent.includes(id) && res.body.includes(id));
            if (leaked.length > 0) unauthorised.push(`${who} ${e.operationId} shows ${leaked.join(', ')}`);
          }
          if (who === 'nobody' && res.statusCode !== 401)
            unauthorised.push(`nobody ${e.operationId} → ${res.statusCode}, not 401`);
        }
      }
      assert.ok(calls > 100, `${calls} calls`);
      assert.deepEqual(unauthorised, [], `${unauthorised.length} of ${calls} calls`);
    });
  });
}
