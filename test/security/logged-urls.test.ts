/**
 * The request log keeps no credential from a URL. Sign in with Microsoft comes back with the
 * authorization `code` (and `state`) in the query string, and Fastify logs every request's URL: the
 * code is one-time and bound to its PKCE verifier, but a log is read by more people than sign-in
 * is, so its value is replaced by "[redacted]" while the path and other parameters stay. Real service,
 * its real logger, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

for (const dialect of DIALECTS) {
  describe(`URLs in the request log on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test("Microsoft's authorization code and state never reach the log; the path does", async () => {
      const code = 'M.C507_BAY.2.U.authorization-code-0123456789';
      const state = 'state-of-this-attempt-0123456789';
      const answer = await svc.app.inject({
        method: 'GET',
        url: `/api/v1/session/microsoft/callback?code=${code}&state=${state}&session_state=s-1234567890`,
        headers: { cookie: `hrsync_oidc=${state}` },
      });
      assert.equal(answer.statusCode, 303, answer.body);
      const lines = svc.logLines.filter((l) => l.includes('/api/v1/session/microsoft/callback'));
      assert.ok(lines.length > 0, 'the request is logged');
      for (const secret of [code, state, 's-1234567890'])
        assert.deepEqual(
          svc.logLines.filter((l) => l.includes(secret)),
          [],
          `${secret} in the log`,
        );
      assert.match(lines[0]!, /callback\?code=\[redacted\]&state=\[redacted\]&session_state=\[redacted\]/);
    });
  });
}
