/**
 * The directory-agent protocol is public: an agent proves itself with a JWT signed by its own key,
 * and the issuer claim says which agent's key to check it with — so the issuer is read before any
 * signature is, from anyone. An issuer that is not an agent id (a NUL byte, which PostgreSQL
 * refused; an object, which SQLite could not bind) answered 500; now it is the same 401
 * HRS_AGENT_REFUSED as an unknown agent. Over the API, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = (iss: unknown) =>
  `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ iss, aud: 'hrsync' })}.${'A'.repeat(86)}`;

for (const dialect of DIALECTS) {
  describe(`agent requests with a made-up issuer on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('an issuer that is not an agent id: 401 "not registered", never 500', async () => {
      const failures: string[] = [];
      for (const iss of ['a\u0000b', { id: 1 }, ['a', 'b'], 12345, 'x'.repeat(10_000), 'not-an-agent']) {
        for (const url of [
          '/api/v1/agent/work',
          '/api/v1/agent/operations/00000000-0000-4000-8000-000000000001/pages',
          '/api/v1/agent/operations/00000000-0000-4000-8000-000000000001/result',
        ]) {
          const answer = await svc.app.inject({
            method: 'POST',
            url,
            headers: { authorization: `Agent ${unsigned(iss)}`, 'content-type': 'application/json' },
            payload: '{}',
          });
          const error = answer.statusCode < 500 ? answer.json().error : null;
          if (
            answer.statusCode !== 401 ||
            error?.code !== 'HRS_AGENT_REFUSED' ||
            error.message !== 'This agent is not registered with the service.'
          )
            failures.push(
              `${JSON.stringify(iss).slice(0, 20)} ${url}: ${answer.statusCode} ${answer.body.slice(0, 120)}`,
            );
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
