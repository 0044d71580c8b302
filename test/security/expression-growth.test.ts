/**
 * No expression can make a value grow without bound. Replace multiplies its text (every "a" becomes
 * ten), ConvertToUTF8Hex doubles it; nested, 300 characters asked for 10^9 characters: 8 s of the
 * API's event loop and 1.2 GB before V8 gave up (a 500). A value is at most MAX_TEXT_LENGTH
 * characters: the expression tester answers what is wrong and where, a save still takes the
 * expression (it depends on the person), and nothing waits on it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testExpression } from '../../src/contracts/index.ts';
import { MAX_TEXT_LENGTH } from '../../src/expr/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection, createTenantFor } from '../service/support/fixtures.ts';
import { type Service, startService } from '../service/support/service.ts';

/** Each level turns every "a" into ten: 10 characters become 10^(depth+1). */
const tenfold = (depth: number): string => {
  let expression = '"aaaaaaaaaa"';
  for (let i = 0; i < depth; i++) expression = `Replace(${expression}, "a", , , "aaaaaaaaaa", , )`;
  return expression;
};

for (const dialect of DIALECTS) {
  describe(`expression values stay bounded on ${dialect}`, () => {
    let svc: Service;
    let id: string;
    before(async () => {
      svc = await startService(dialect);
      id = (await configuredConnection(svc, 2, (await createTenantFor(svc)).tenantId)).id;
    });
    after(async () => svc?.close());

    const tested = async (expression: string) => {
      const res = await svc.call(testExpression, {
        as: 'operator',
        params: { id },
        body: { expression, employeeNumber: '1000' },
      });
      assert.equal(res.status, 200, res.text.slice(0, 300));
      return res.body;
    };

    test(`a value of ${MAX_TEXT_LENGTH.toLocaleString('en')} characters is answered, one more is refused naming the call`, async () => {
      assert.equal(MAX_TEXT_LENGTH, 100_000);
      const fits = await tested(tenfold(4));
      assert.equal(fits.ok, true);
      assert.equal(fits.value.length, 100_000);
      const over = await tested(`Replace(${tenfold(4)}, "aa", , , "aaa", , )`);
      assert.equal(over.ok, false);
      assert.equal(over.error.code, 'HRS_EXPR_EVALUATION');
      assert.equal(
        over.error.message,
        'Replace: the result would be 150,000 characters long; a value may be at most 100,000',
      );
    });

    test('Replace nested to 10^7 and 10^9 characters is refused before it is built', async () => {
      for (const depth of [6, 8]) {
        const body = await tested(tenfold(depth));
        assert.equal(body.ok, false, `depth ${depth}`);
        assert.equal(body.error.code, 'HRS_EXPR_EVALUATION');
        assert.match(
          body.error.message,
          /^Replace: the result would be 1,000,000 characters long; a value may be at most 100,000$/,
        );
      }
    });

    test('a regular expression that matches everywhere, and doubling functions, are bounded too', async () => {
      let everywhere = '"aaaaaaaaaa"';
      for (let i = 0; i < 6; i++) everywhere = `Replace(${everywhere}, , "", , "bbbbbbbbbb", , )`;
      const regex = await tested(everywhere);
      assert.equal(regex.ok, false);
      assert.match(
        regex.error.message,
        /^Replace: the result would be [\d,]+ characters long; a value may be at most 100,000$/,
      );
      let hex = '"aaaaaaaaaa"';
      for (let i = 0; i < 20; i++) hex = `ConvertToUTF8Hex(${hex})`;
      const doubled = await tested(hex);
      assert.equal(doubled.ok, false);
      assert.match(
        doubled.error.message,
        /^ConvertToUTF8Hex: the result is [\d,]+ characters long; a value may be at most 100,000$/,
      );
    });
  });
}
