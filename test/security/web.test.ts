/**
 * Web hardening, input hygiene and sign-in (issue 10, items 4–7): security headers, the cross-site
 * check on cookie-authenticated changes, NUL bytes / invalid UTF-8 / huge numbers / huge bodies as
 * 4xx on both stores, lock-out after repeated failures with one audit event, password rules, and a
 * user-create answer that does not reveal other organisations' addresses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createCustomer,
  createUser,
  listAuditEvents,
  listConnections,
  pathFor,
  signIn,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

for (const dialect of DIALECTS) {
  describe(`web hardening on ${dialect}`, () => {
    let svc: Service;
    let cookie: string;
    before(async () => {
      svc = await startService(dialect);
      const res = await svc.app.inject({
        method: 'POST',
        url: pathFor(signIn),
        payload: { email: svc.users.admin.email, password: svc.users.admin.password },
      });
      cookie = `hrsync_session=${res.cookies.find((c) => c.name === 'hrsync_session')!.value}`;
    });
    after(async () => svc?.close());

    test('security headers: CSP with frame-ancestors none, nosniff, referrer policy, no framing', async () => {
      for (const url of ['/api/v1/session', '/healthz', '/']) {
        const res = await svc.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.match(csp, /frame-ancestors 'none'/, `${url}: ${csp}`);
        assert.match(csp, /script-src 'self'/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assert.equal(res.headers['referrer-policy'], 'no-referrer');
      }
    });

    test('a cookie-authenticated change from another origin is refused; same-origin and tokens pass', async () => {
      const attempt = (headers: Record<string, string>) =>
        svc.app.inject({
          method: 'POST',
          url: pathFor(createCustomer),
          headers: { cookie, 'content-type': 'text/plain', ...headers },
          payload: JSON.stringify({ name: `csrf ${Math.random()}` }),
        });
      const crossOrigin = await attempt({ origin: 'https://evil.example' });
      assert.equal(crossOrigin.statusCode, 403, crossOrigin.body);
      const crossSite = await attempt({ 'sec-fetch-site': 'cross-site' });
      assert.equal(crossSite.statusCode, 403, crossSite.body);
      const loginCsrf = await svc.app.inject({
        method: 'POST',
        url: pathFor(signIn),
        headers: { origin: 'https://evil.example' },
        payload: { email: svc.users.viewer.email, password: svc.users.viewer.password },
      });
      assert.equal(loginCsrf.statusCode, 403);
      const sameOrigin = await svc.app.inject({
        method: 'POST',
        url: pathFor(createCustomer),
        headers: {
          cookie,
          origin: 'http://localhost:80',
          host: 'localhost:80',
          'sec-fetch-site': 'same-origin',
        },
        payload: { name: `same origin ${Math.random()}` },
      });
      assert.equal(sameOrigin.statusCode, 201, sameOrigin.body);
    });

    test('an Authorization header that is not an API token does not lift the cross-site check from the cookie', async () => {
      // A browser adds the Basic credentials of a proxy in front of hrsync to every request for its
      // origin, also one another site starts (a same-site page's bodiless no-cors POST needs no
      // preflight and carries the SameSite=Strict cookie): the cookie authenticates, so the check applies.
      const before = (await svc.store.customers.list(svc.organisationId)).length;
      for (const authorization of ['Basic dXNlcjpwYXNzd29yZA==', 'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg']) {
        for (const site of [{ 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }]) {
          const refused = await svc.app.inject({
            method: 'POST',
            url: pathFor(createCustomer),
            headers: { cookie, authorization, ...site },
            payload: { name: `csrf ${Math.random()}` },
          });
          assert.equal(refused.statusCode, 403, `${authorization} ${JSON.stringify(site)}: ${refused.body}`);
          assert.match(refused.json().error.message, /may not change anything/);
        }
      }
      assert.equal(
        (await svc.store.customers.list(svc.organisationId)).length,
        before,
        'nothing was created',
      );
    });

    test('NUL bytes, invalid UTF-8, out-of-range numbers and huge bodies are 4xx, never 500', async () => {
      const cases: { method: 'GET' | 'POST'; url: string; payload?: string | Buffer; status: number }[] = [
        { method: 'GET', url: '/api/v1/connections/abc%00def', status: 400 },
        { method: 'GET', url: `${pathFor(listConnections)}?q=a%00b`, status: 400 },
        { method: 'GET', url: `${pathFor(listConnections)}?q=%C3%28`, status: 400 },
        { method: 'GET', url: `${pathFor(listConnections)}?page=99999999999999999999`, status: 400 },
        { method: 'GET', url: `${pathFor(listAuditEvents)}?page=9223372036854775808`, status: 400 },
        { method: 'POST', url: pathFor(createCustomer), payload: '{"name":"a\\u0000b"}', status: 400 },
        {
          method: 'POST',
          url: pathFor(createCustomer),
          payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
          status: 400,
        },
        {
          method: 'POST',
          url: pathFor(signIn),
          payload: '{"email":"a\\u0000@x.nl","password":"x"}',
          status: 400,
        },
        {
          method: 'POST',
          url: pathFor(createCustomer),
          payload: `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`,
          status: 413,
        },
      ];
      for (const c of cases) {
        const res = await svc.app.inject({
          method: c.method,
          url: c.url,
          headers: { cookie, 'content-type': 'application/json' },
          ...(c.payload === undefined ? {} : { payload: c.payload }),
        });
        assert.equal(
          res.statusCode,
          c.status,
          `${c.method} ${c.url.slice(0, 80)}: ${res.body.slice(0, 300)}`,
        );
      }
    });

    test('repeated wrong passwords lock the account with one audit event; the right one is refused meanwhile', async () => {
      const target = svc.users.operator;
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await svc.app.inject({
          method: 'POST',
          url: pathFor(signIn),
          payload: { email: target.email, password: `wrong-${i}` },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) assert.ok(Number(res.headers['retry-after']) > 0);
      }
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.ok(
        statuses.slice(5).every((s) => s === 429),
        statuses.join(','),
      );
      const right = await svc.app.inject({
        method: 'POST',
        url: pathFor(signIn),
        payload: { email: target.email, password: target.password },
      });
      assert.equal(right.statusCode, 429, 'locked even with the right password');
      const lockouts = await svc.call(listAuditEvents, { query: { action: 'session.locked-out' } });
      assert.equal(lockouts.body.items.length, 1, 'one audit event per lock-out');
      const failures = await svc.call(listAuditEvents, {
        query: { action: 'session.signed-in', outcome: 'failure' },
      });
      assert.ok(
        failures.body.items.length <= 5,
        `${failures.body.items.length} failure rows, not one per guess`,
      );
    });

    test('weak and context-derived passwords are refused; an address another organisation uses is not revealed', async () => {
      for (const password of ['aaaaaaaaaaaa', 'new.person@acme.test', 'Password1234']) {
        const res = await svc.call(createUser, {
          body: { email: 'new.person@acme.test', name: 'New Person', role: 'viewer', password },
        });
        assert.equal(res.status, 400, `${password}: ${res.text}`);
        assert.equal(res.body.error.details[0].path, '/password');
      }
      // The address of another organisation's admin: created here as a separate account (addresses
      // are unique per organisation), so the answer reveals nothing about the other organisation.
      const password = 'Unrelated-Gentle-Harbour-73';
      const elsewhere = await svc.call(createUser, {
        body: { email: svc.users.otherAdmin.email, name: 'Copy', role: 'viewer', password },
      });
      assert.equal(elsewhere.status, 201, elsewhere.text);
      const unused = await svc.call(createUser, {
        body: { email: 'nobody.anywhere@acme.test', name: 'Copy', role: 'viewer', password },
      });
      assert.equal(unused.status, 201, unused.text);
      assert.deepEqual(Object.keys(elsewhere.body).sort(), Object.keys(unused.body).sort());
      // Ours again: a conflict, which names only this organisation.
      const again = await svc.call(createUser, {
        body: { email: svc.users.otherAdmin.email, name: 'Copy', role: 'viewer', password },
      });
      assert.equal(again.status, 409, again.text);
      assert.match(again.body.error.message, /Your organisation already has/);

      // Each account signs in with its own password into its own organisation.
      const signInAs = (pw: string) =>
        svc.app.inject({
          method: 'POST',
          url: pathFor(signIn),
          payload: { email: svc.users.otherAdmin.email, password: pw },
        });
      const ours = await signInAs(password);
      assert.equal(ours.statusCode, 200, ours.body);
      assert.equal(ours.json().organisation.id, svc.organisationId);
      assert.equal(ours.json().role, 'viewer');
      const theirs = await signInAs(svc.users.otherAdmin.password);
      assert.equal(theirs.statusCode, 200, theirs.body);
      assert.equal(theirs.json().organisation.id, svc.otherOrganisationId);
      assert.equal(theirs.json().role, 'admin');
    });
  });
}
