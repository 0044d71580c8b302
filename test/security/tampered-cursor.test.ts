/**
 * The audit log's `cursor` is the caller's to send back, so it is input like any other: base64url of
 * JSON, it carries bytes the URL's own checks never see (a NUL byte, which PostgreSQL refused with a
 * 500) and numbers the query's caps never bound (a page past its total, answered as page 2^53). A
 * cursor the service could not have given out is a 400 naming it; a real one still reads the next
 * page. Over the API, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCustomer, listAuditEvents } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const dialect of DIALECTS) {
  describe(`a tampered audit-log cursor on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
      for (const name of ['One', 'Two', 'Three']) await svc.call(createCustomer, { body: { name } });
    });
    after(async () => svc?.close());

    test('NUL bytes or a page past its total: 400 naming the cursor; a real cursor reads on', async () => {
      const first = await svc.call(listAuditEvents, { query: { pageSize: 1 } });
      assert.equal(first.status, 200, first.text);
      const [at, id, page, total] = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString());
      const tampered = [
        [`${at}\u0000`, id, page, total],
        [at, `${id}\u0000`, page, total],
        [at, id, 9_007_199_254_740_991, 9_007_199_254_740_991],
        [at, id, total + 1, total],
        [at, 'x'.repeat(500), page, total],
      ];
      for (const cursor of tampered) {
        const refused = await svc.call(listAuditEvents, { query: { cursor: cursorOf(cursor), pageSize: 1 } });
        assert.equal(refused.status, 400, `${JSON.stringify(cursor).slice(0, 100)}: ${refused.text}`);
        assert.equal(refused.body.error.details[0].path, '/cursor');
        assert.match(refused.body.error.message, /The cursor is not one this service gave out/);
      }
      const next = await svc.call(listAuditEvents, { query: { cursor: first.body.nextCursor, pageSize: 1 } });
      assert.equal(next.status, 200, next.text);
      assert.equal(next.body.page, 2);
      assert.notEqual(next.body.items[0].id, first.body.items[0].id);
    });
  });
}
