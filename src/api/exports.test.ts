import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHrsyncError } from '../core/index.ts';
import { ExportSlots, exportStream } from './exports.ts';

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

test('a client that stops reading gives its export slot back: the stream is stopped once nothing is asked for stallMs', async () => {
  const slots = new ExportSlots({ perOrganisation: 1, perProcess: 1 });
  const logged: string[] = [];
  const log = { warn: (_o: unknown, m: string) => logged.push(m), error: () => {} } as never;
  let released!: () => void;
  const done = new Promise<void>((resolve) => {
    released = resolve;
  });
  const release = slots.take('a');
  // Endless chunks, never read by anyone past the stream's own buffer: a client that took the headers
  // and then held the socket open without reading.
  const chunks: AsyncIterator<string> = { next: async () => ({ done: false, value: 'x'.repeat(65_536) }) };
  const stream = exportStream(chunks, {
    release: () => {
      release();
      released();
    },
    log,
    what: { runId: 'r1' },
    stallMs: 50,
  });
  stream.on('error', () => {});
  await done;
  assert.equal(stream.destroyed, true);
  assert.equal(slots.running, 0, 'the slot is given back');
  slots.take('a');
  assert.match(logged.join(' '), /the client read nothing for 0\.05 s/);
});
