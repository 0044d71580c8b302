import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeActor } from './actor-names.ts';

test('actors as a person would name them', () => {
  const users = new Map([
    ['u1', 'Jan Bakker'],
    ['jan@msp.test', 'Jan Bakker'],
  ]);
  const cases: [Parameters<typeof describeActor>[0], string][] = [
    [{ type: 'user', id: 'u1', name: 'jan@msp.test' }, 'Jan Bakker'],
    [{ name: 'JAN@msp.test' }, 'Jan Bakker'],
    [{ type: 'user', id: 'gone', name: 'left@msp.test' }, 'left@msp.test'],
    [{ type: 'token', id: 't1', name: 'token ci (jan@msp.test)' }, 'API token ci'],
    [{ name: 'token nightly export (jan@msp.test)' }, 'API token nightly export'],
    [{ type: 'system', name: 'scheduler' }, 'Scheduled run'],
    [{ name: 'scheduler' }, 'Scheduled run'],
    [{ type: 'system', name: 'worker' }, 'hrsync'],
    [{ type: 'agent', name: 'dc-agent-1' }, 'Directory agent dc-agent-1'],
  ];
  for (const [actor, expected] of cases)
    assert.equal(describeActor(actor, users), expected, JSON.stringify(actor));
});
