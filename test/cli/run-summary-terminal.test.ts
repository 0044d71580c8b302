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
    error: { code: 'HRS_SOURCE_UNAVAILABLE', message: 'AFAS said \u009b2J', paths: [] },
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

test('every summary line fits 80 columns: long ones wrap, the continuation indented under its line', () => {
  const failed = (n: number, name: string, message: string): RunItem => ({
    employeeNumber: String(4000 + n),
    displayName: name,
    action: 'create',
    status: 'failed',
    accountId: null,
    changes: [],
    steps: [],
    error: { code: 'HRS_TARGET_WRITE_FAILED', message },
  });
  const outcome: RunOutcome = {
    status: 'blocked',
    items: [
      failed(
        1,
        'Anne-Marijke van den Heuvel-Oosterbroek',
        'Graph refused the account: Another object with the same value for property userPrincipalName already exists.',
      ),
      failed(2, 'Jan Jansen', 'short'),
    ],
    actionCounts: Object.fromEntries(ACTIONS.map((a, i) => [a, 1000 + i])) as RunOutcome['actionCounts'],
    statusCounts: Object.fromEntries(
      ITEM_STATUSES.map((s, i) => [s, 2000 + i]),
    ) as RunOutcome['statusCounts'],
    sourceCount: 12345,
    blockedReason:
      'disables and deletes 412 of 2,000 managed persons (20.6%) exceed the threshold of 5% or 50 persons; approve or discard the run',
    error: {
      code: 'HRS_SOURCE_UNAVAILABLE',
      message:
        'AFAS answered 503 Service Unavailable for T4E_HelloID_Employments_v2 (skip 2000) three times; the run read nothing',
      paths: [],
    },
    startedAt: '2026-12-06T04:00:00.000Z',
    finishedAt: '2026-12-06T04:00:01.000Z',
  };
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(...line.split('\n'));
  try {
    printSummary('simulation', outcome, 'cloud');
    printSummary('sync', { ...outcome, status: 'failed', error: null, blockedReason: null }, 'cloud', true);
  } finally {
    console.log = log;
  }
  const wide = lines.filter((line) => [...line].length > 80);
  assert.deepEqual(wide, [], 'lines over 80 columns');
  // Nothing is lost: the words read the same with the line breaks taken out.
  const text = lines.join(' ').replace(/\s+/g, ' ');
  assert.ok(text.includes(outcome.blockedReason!), 'the blocked reason, whole');
  assert.ok(
    text.includes(`✗ 4001 Anne-Marijke van den Heuvel-Oosterbroek: ${outcome.items[0]!.error!.message}`),
  );
  assert.ok(text.includes(outcome.error!.message));
  // A wrapped line's continuation is indented two more than its first line.
  const start = lines.findIndex((line) => line.startsWith('  ✗ 4001'));
  assert.match(lines[start + 1] ?? '', /^ {4}\S/);
  assert.match(lines.find((line) => line.startsWith('  ✗ 4002')) ?? '', /^ {2}✗ 4002 Jan Jansen: short$/);
});
