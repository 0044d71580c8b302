import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smallTenant, startTestEmulator, user } from './test-support.ts';

describe('scale', () => {
  test('50,000 users: all pages of 999 with $select, and indexed employeeId lookups, are quick', async () => {
    const users = Array.from({ length: 50_000 }, (_, i) => user(i + 1));
    const emu = await startTestEmulator({ tenant: smallTenant(users) });
    try {
      const started = performance.now();
      let path: string | undefined = '/users?$select=id,userPrincipalName,employeeId,accountEnabled&$top=999';
      let seen = 0;
      let pages = 0;
      let previous = '';
      while (path) {
        const page = await emu.call('GET', path);
        assert.equal(page.status, 200);
        seen += page.body.value.length;
        pages++;
        // Stable order: creation order, so ids keep increasing across pages.
        for (const u of page.body.value as { id: string }[]) {
          assert.ok(u.id > previous);
          previous = u.id;
        }
        const next: string | undefined = page.body['@odata.nextLink'];
        path = next?.slice(`${emu.httpUrl}/v1.0`.length);
      }
      const listMs = performance.now() - started;
      assert.equal(seen, 50_000);
      assert.equal(pages, 51);
      // Generous bounds: `npm run bench` measures speed; these catch only a pathological slowdown.
      assert.ok(listMs < 60_000, `listing took ${listMs.toFixed(0)} ms`);

      const lookupsStarted = performance.now();
      for (let i = 1; i <= 200; i++) {
        const n = i * 249;
        const found = await emu.call(
          'GET',
          `/users?$select=id&$filter=${encodeURIComponent(`employeeId eq '${1000 + n}'`)}`,
        );
        assert.deepEqual(found.body.value, [{ id: user(n).id }]);
      }
      const lookupMs = performance.now() - lookupsStarted;
      assert.ok(lookupMs < 30_000, `200 lookups took ${lookupMs.toFixed(0)} ms`);
    } finally {
      await emu.close();
    }
  });
});
