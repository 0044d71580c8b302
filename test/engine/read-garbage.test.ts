/**
 * A large run collects the reads' garbage before it plans (issue 13: the peak memory per person), in
 * the processes the product starts: bin/hrsync and `npm start` expose the collector.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { COLLECT_AFTER_READ_PERSONS, collectReadGarbage } from '../../src/engine/run.ts';

test('a run of at least the threshold collects once; a smaller one, or a process without the collector, does not', () => {
  const g = globalThis as { gc?: (() => void) | undefined };
  const before = g.gc;
  let calls = 0;
  try {
    g.gc = () => {
      calls++;
    };
    collectReadGarbage(COLLECT_AFTER_READ_PERSONS - 1);
    assert.equal(calls, 0);
    collectReadGarbage(COLLECT_AFTER_READ_PERSONS);
    assert.equal(calls, 1);
    g.gc = undefined;
    collectReadGarbage(COLLECT_AFTER_READ_PERSONS * 5); // no collector: nothing, no error
  } finally {
    g.gc = before;
  }
});

test('the product’s processes expose the collector: bin/hrsync’s interpreter line and npm start and bench', async () => {
  const bin = await readFile(new URL('../../bin/hrsync', import.meta.url), 'utf8');
  assert.match(bin.split('\n')[0] as string, /^#!\/usr\/bin\/env -S node .*--expose-gc\b/);
  const scripts = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).scripts;
  assert.match(scripts.start, /^node .*--expose-gc .*bin\/hrsync demo$/);
  assert.match(scripts.bench, /^node .*--expose-gc /);
});
