import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHrsyncError } from '../core/index.ts';
import { ExportSlots } from './exports.ts';

const refusal = (fn: () => unknown): { code: string; message: string; retryAfter?: number } => {
  try {
    fn();
  } catch (e) {
    if (isHrsyncError(e)) return { code: e.code, message: e.message, retryAfter: e.retryAfter as number };
    throw e;
  }
  assert.fail('expected a refusal');
};

test('export slots: 2 per organisation, 4 per process; each given back once, however often released', () => {
  const slots = new ExportSlots({ perOrganisation: 2, perProcess: 4 });
  const a1 = slots.take('a');
  slots.take('a');
  const third = refusal(() => slots.take('a'));
  assert.equal(third.code, 'HRS_BUSY');
  assert.match(third.message, /Your organisation already has 2 exports being written/);
  assert.equal(third.retryAfter, 10);
  slots.take('b');
  slots.take('b');
  assert.equal(slots.running, 4);
  const full = refusal(() => slots.take('c'));
  assert.match(
    full.message,
    /The service is already writing 4 exports, the most it writes at once; export again in a few seconds/,
  );
  a1();
  a1();
  assert.equal(slots.running, 3, 'released once');
  slots.take('c');
  assert.equal(refusal(() => slots.take('a')).code, 'HRS_BUSY', 'the process is full again');
});
