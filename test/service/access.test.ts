import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/api/index.ts';
import { realConnectors } from '../../src/app/connectors.ts';
import {
  createApiToken,
  createCustomer,
  createUser,
  getSession,
  listAuditEvents,
  listConnections,
  listUsers,
  revokeApiToken,
  signIn,
  signOut,
  updateUser,
} from '../../src/contracts/index.ts';
import { ServiceMetrics } from '../../src/jobs/index.ts';
import { DIALECTS } from './support/databases.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`access control on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('sign-in sets an httpOnly SameSite=Strict cookie; wrong passwords are refused and audited', async () => {
      const ok = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: svc.users.viewer.email, password: svc.users.viewer.password },
      });
      assert.equal(ok.statusCode, 200);
      const cookie = String(ok.headers['set-cookie']);
      assert.match(cookie, /hrsync_session=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.doesNotMatch(cookie, /Secure/, 'plain HTTP: no Secure flag in auto mode');
      const https = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: svc.users.viewer.email, password: svc.users.viewer.password },
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(https.statusCode, 200);

      const wrong = await svc.call(signIn, {
        as: null,
        body: { email: svc.users.viewer.email, password: 'not-the-password' },
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'HRS_UNAUTHENTICATED');
      const unknown = await svc.call(signIn, {
        as: null,
        body: { email: 'nobody@acme.test', password: 'x' },
      });
      assert.equal(unknown.status, 401);
      assert.equal(
        unknown.body.error.message,
        wrong.body.error.message,
        'unknown e-mail and wrong password look alike',
      );
      const events = await svc.call(listAuditEvents, {
        query: { action: 'session.signed-in', outcome: 'failure' },
      });
      assert.equal(events.body.total, 1);
    });

    test('behind a TLS-terminating proxy (trustProxy) the session cookie is Secure', async () => {
      const proxied = await buildApp({
        store: svc.store,
        connectors: realConnectors(),
        metrics: new ServiceMetrics(svc.store),
        trustProxy: true,
      });
      try {
        const payload = { email: svc.users.viewer.email, password: svc.users.viewer.password };
        const https = await proxied.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload,
          headers: { 'x-forwarded-proto': 'https' },
        });
        assert.equal(https.statusCode, 200);
        assert.match(String(https.headers['set-cookie']), /; Secure/);
        const http = await proxied.inject({ method: 'POST', url: '/api/v1/session', payload });
        assert.doesNotMatch(String(http.headers['set-cookie']), /; Secure/);
      } finally {
        await proxied.close();
      }
    });

    test('no session, a garbage cookie or a malformed token gives 401 with a message', async () => {
      for (const headers of [
        {},
        { cookie: 'hrsync_session=nonsense' },
        { authorization: 'Bearer nonsense' },
        { authorization: 'Bearer hrs_nonsense' },
      ]) {
        const res = await svc.app.inject({ method: 'GET', url: '/api/v1/connections', headers });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().error.code, 'HRS_UNAUTHENTICATED');
        assert.match(res.json().error.message, /Sign in/);
      }
    });

    test('GET /session names the user, role and organisation', async () => {
      const me = await svc.call(getSession, { as: 'operator' });
      assert.equal(me.status, 200);
      assert.equal(me.body.role, 'operator');
      assert.equal(me.body.organisation.name, 'Acme MSP');
      assert.equal(me.body.user.email, svc.users.operator.email);
    });

    test('viewers read but cannot change; operators cannot manage users, tokens or customers', async () => {
      assert.equal((await svc.call(listConnections, { as: 'viewer' })).status, 200);
      const refused = await svc.call(createCustomer, { as: 'viewer', body: { name: 'Nope' } });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'HRS_FORBIDDEN');
      assert.match(refused.body.error.message, /role "viewer"/);
      assert.equal((await svc.call(createCustomer, { as: 'operator', body: { name: 'Nope' } })).status, 403);
      assert.equal((await svc.call(listUsers, { as: 'operator' })).status, 403);
      assert.equal(
        (await svc.call(createApiToken, { as: 'operator', body: { name: 't', role: 'viewer' } })).status,
        403,
      );
      // Forbidden attempts at auditable operations are audited as refused.
      const audit = await svc.call(listAuditEvents, {
        query: { action: 'customer.created', outcome: 'refused' },
      });
      assert.equal(audit.body.total, 2);
    });

    test('a refused role check happens before input validation', async () => {
      const res = await svc.call(createCustomer, { as: 'viewer', body: { bogus: true } });
      assert.equal(res.status, 403);
    });

    test('admins create users with hashed passwords; duplicates and weak passwords are refused', async () => {
      const email = `new-${dialect}@acme.test`;
      const created = await svc.call(createUser, {
        body: { email, name: 'New', role: 'viewer', password: 'correct horse battery' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.role, 'viewer');
      assert.equal(created.body.password, undefined);
      const row = await svc.store.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.equal(
        (
          await svc.call(createUser, {
            body: { email, name: 'Again', role: 'viewer', password: 'correct horse battery' },
          })
        ).status,
        409,
      );
      const weak = await svc.call(createUser, {
        body: { email: `weak-${dialect}@acme.test`, name: 'W', role: 'viewer', password: 'short' },
      });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.code, 'HRS_VALIDATION');
      assert.equal(weak.body.error.details[0].path, '/password');
      const signedIn = await svc.call(signIn, {
        as: null,
        body: { email, password: 'correct horse battery' },
      });
      assert.equal(signedIn.status, 200);
    });

    test('disabling a user ends their sessions; the last admin cannot be demoted', async () => {
      const email = `temp-${dialect}@acme.test`;
      const created = await svc.call(createUser, {
        body: { email, name: 'Temp', role: 'operator', password: 'temporary password 1' },
      });
      const login = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'temporary password 1' },
      });
      const cookie = `hrsync_session=${login.cookies[0]?.value}`;
      assert.equal(
        (await svc.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode,
        200,
      );
      assert.equal(
        (await svc.call(updateUser, { params: { id: created.body.id }, body: { disabled: true } })).status,
        200,
      );
      assert.equal(
        (await svc.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode,
        401,
      );
      const demote = await svc.call(updateUser, {
        params: { id: svc.users.admin.id },
        body: { role: 'viewer' },
      });
      assert.equal(demote.status, 409);
      assert.match(demote.body.error.message, /last active admin/);
    });

    test('API tokens: shown once, stored hashed, scoped by role, revocable', async () => {
      const created = await svc.call(createApiToken, { body: { name: 'ci', role: 'operator' } });
      assert.equal(created.status, 201, created.text);
      const token: string = created.body.token;
      assert.match(token, /^hrs_/);
      const rows = await svc.store.db.selectFrom('api_tokens').selectAll().execute();
      assert.ok(rows.every((r) => r.token_hash !== token && !r.token_hash.includes(token)));
      const viaToken = await svc.call(listConnections, { as: { bearer: token } });
      assert.equal(viaToken.status, 200);
      const me = await svc.call(getSession, { as: { bearer: token } });
      assert.equal(me.body.via, 'token');
      assert.equal(me.body.role, 'operator');
      assert.equal(
        (await svc.call(createCustomer, { as: { bearer: token }, body: { name: 'x' } })).status,
        403,
      );
      const revoked = await svc.call(revokeApiToken, { params: { id: created.body.apiToken.id } });
      assert.equal(revoked.status, 200);
      assert.notEqual(revoked.body.revokedAt, null);
      assert.equal((await svc.call(listConnections, { as: { bearer: token } })).status, 401);
      assert.equal(
        (await svc.call(revokeApiToken, { params: { id: created.body.apiToken.id } })).status,
        409,
      );
    });

    test('sign-out ends the session', async () => {
      const login = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: svc.users.viewer.email, password: svc.users.viewer.password },
      });
      const cookie = `hrsync_session=${login.cookies[0]?.value}`;
      const out = await svc.app.inject({ method: 'DELETE', url: pathOf(signOut), headers: { cookie } });
      assert.equal(out.statusCode, 204);
      assert.equal(
        (await svc.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode,
        401,
      );
    });

    test('another organisation sees none of this one', async () => {
      const customers = await svc.call(createCustomer, { body: { name: `Mine ${dialect}` } });
      const theirs = await svc.call(listAuditEvents, { as: 'otherAdmin' });
      assert.equal(theirs.status, 200);
      assert.ok(theirs.body.items.every((e: { message: string }) => !e.message.includes(`Mine ${dialect}`)));
      const users = await svc.call(listUsers, { as: 'otherAdmin' });
      assert.deepEqual(
        users.body.items.map((u: { email: string }) => u.email),
        [svc.users.otherAdmin.email],
      );
      const update = await svc.call(updateUser, {
        as: 'otherAdmin',
        params: { id: svc.users.viewer.id },
        body: { name: 'hijack' },
      });
      assert.equal(update.status, 404);
      assert.equal(customers.status, 201);
    });

    test('the secret scan catches a leak (so its passing means something)', async () => {
      svc.logLines.push(`{"msg":"oops ${svc.users.viewer.password}"}`);
      await assert.rejects(assertNoSecretsLeaked(svc), /log line contains a secret/);
      svc.logLines.pop();
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}

const pathOf = (e: { path: string }) => e.path;
