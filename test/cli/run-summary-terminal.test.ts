/**
 * `hrsync simulate` / `sync` print names from AFAS and messages that quote its values: a control
 * character in one (an ESC sequence, a carriage return) is printed as a visible escape, so HR data
 * cannot drive or overwrite the administrator's terminal — as the remote commands do.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printSummary } from '../../src/cli/commands/run.ts';
import { ACTIONS, ITEM_STATUSES, type RunItem } from '../../src/core/index.ts';
import type { RunOutcome } from '../../src/engine/index.ts';

const zero = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

test('a failed person whose AFAS name holds control characters is printed with them escaped', () => {
  const item: RunItem = {
    employeeNumber: '3001',
    displayName: 'Noor\u001b[8m Jansen\rEveryone is fine',
    action: 'create',
    status: 'failed',
    accountId: null,
    changes: [],
    steps: [],
    error: { code: 'HRS_TARGET_WRITE_FAILED', message: 'refused "Noor\u001b[8m"' },
  };
  const outcome: RunOutcome = {
    status: 'succeeded',
    items: [item],
    actionCounts: { ...zero(ACTIONS), create: 1 },
    statusCounts: { ...zero(ITEM_STATUSES), failed: 1 },
    sourceCount: 1,
    blockedReason: null,
    error: { code: 'HRS_SOURCE_UNAVAILABLE', message: 'AFAS said \u009b2J' },
    startedAt: '2026-12-06T04:00:00.000Z',
    finishedAt: '2026-12-06T04:00:01.000Z',
  };
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    printSummary('simulation', outcome, 'cloud');
  } finally {
    console.log = log;
  }
  const printed = lines.join('\n');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal
  assert.doesNotMatch(printed, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(printed, /✗ 3001 Noor\\u001b\[8m Jansen\\u000dEveryone is fine: refused "Noor\\u001b\[8m"/);
  assert.match(printed, /AFAS said \\u009b2J/);
});
