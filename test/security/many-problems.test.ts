/**
 * A body with thousands of wrong entries gets a bounded answer. Validation reports every problem
 * (Ajv's allErrors), so a 2 MiB body of wrong list entries held hundreds of thousands of them: the
 * answer repeated each (30 MB for 150,000 bad e-mail addresses), and merging a union's complaints
 * per place took time growing with their square (40,000 webhooks with an unknown format: 168 s of a
 * blocked event loop, for every organisation). Now the first 100 problems are listed and the rest
 * counted. On SQLite and PostgreSQL, over the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setNotifications } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Reply, type Service, startService } from '../service/support/service.ts';

const LISTED = 100;

function assertBounded(answer: Reply, first: readonly string[]) {
  assert.equal(answer.status, 400, answer.text.slice(0, 300));
  assert.equal(answer.body.error.code, 'HRS_VALIDATION');
  const details: { path: string; message: string }[] = answer.body.error.details;
  assert.deepEqual(
    details.slice(0, first.length).map((d) => d.path),
    first,
  );
  assert.equal(details.length, LISTED + 1, `${details.length} details`);
  const rest = details.at(-1)!;
  assert.equal(rest.path, '/');
  assert.match(rest.message, /^and at least [\d,]+ more problems, not listed: fix these and send it again$/);
  assert.ok(answer.body.error.message.endsWith(rest.message), answer.body.error.message.slice(-200));
  assert.ok(answer.text.length < 40_000, `${answer.text.length} characters answered`);
}

for (const dialect of DIALECTS) {
  describe(`a body with thousands of problems on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('5,000 wrong e-mail recipients: the first 100 problems listed, the rest counted', async () => {
      const answer = await svc.call(setNotifications, {
        body: {
          events: [],
          emails: Array.from({ length: 5_000 }, () => 'anna at contoso'),
          webhooks: [],
          smtp: null,
        },
      });
      assertBounded(answer, ['/emails', '/emails/0', '/emails/1']);
      assert.match(answer.body.error.details.at(-1).message, /at least 4,90\d more/);
    });

    test('2,000 webhooks without a name or a known format: the first 100 listed, the rest counted', async () => {
      const answer = await svc.call(setNotifications, {
        body: {
          events: [],
          emails: [],
          webhooks: Array.from({ length: 2_000 }, () => ({ name: ' ', format: 'fax' })),
          smtp: null,
        },
      });
      assertBounded(answer, []);
      // The list's own length, and the first entry's two problems (unions' complaints come first).
      const paths = answer.body.error.details.map((d: { path: string }) => d.path);
      for (const path of ['/webhooks', '/webhooks/0/name', '/webhooks/0/format'])
        assert.ok(paths.includes(path), `${path} in ${paths.join(' ')}`);
      assert.match(answer.body.error.message, /Webhook: has more than the 10 entries it may have/);
    });
  });
}
