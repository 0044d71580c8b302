import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account, Link } from '../../core/index.ts';
import { AccountIndex } from './account-index.ts';
import { Matched, type MatchInput, matchPerson } from './match.ts';

const accounts: Account[] = [
  { id: 'a1', attributes: { employeeId: '100' } },
  { id: 'a2', attributes: { employeeId: '200' } },
];
const index = new AccountIndex(accounts, ['employeeId']);
const link = (accountId: string): Link => ({
  employeeNumber: '100',
  accountId,
  applied: {},
  linkedAt: '2026-01-02T09:00:00.000Z',
  updatedAt: '2026-01-02T09:00:00.000Z',
});
const input = (over: Partial<MatchInput> = {}): MatchInput => ({
  employeeNumber: '100',
  link: undefined,
  values: [{ attribute: 'employeeId', value: '100' }],
  index,
  owners: new Map(),
  ...over,
});

// The messages are built from reused lists (one flat string each): every part must land in place,
// and one person's parts must not leak into the next message.
describe('matchPerson messages', () => {
  test('matched and linked persons, one after another', () => {
    assert.equal(matchPerson(input()).message, 'matched account a1 on employeeId = "100"');
    assert.equal(
      matchPerson(input({ link: link('a2') })).message,
      'linked to account a2 since 2026-01-02T09:00:00.000Z',
    );
    assert.equal(
      matchPerson(input({ employeeNumber: '200', values: [{ attribute: 'employeeId', value: '200' }] }))
        .message,
      'matched account a2 on employeeId = "200"',
    );
  });

  test('a link an override removes is named before the match', () => {
    const match = matchPerson(input({ link: link('a2'), refused: new Set(['a2']) }));
    assert.equal(
      match.message,
      'the link to account a2 is removed by an override; matched account a1 on employeeId = "100"',
    );
    assert.equal(matchPerson(input()).message, 'matched account a1 on employeeId = "100"');
  });

  test('an override’s link and match say so', () => {
    const forced = (accountId: string) => ({
      linkOverride: {
        id: 'o1',
        kind: 'link' as const,
        employeeNumber: '100',
        accountId,
        reason: null,
        createdAt: '2026-01-02T09:00:00.000Z',
        createdBy: 'admin',
      },
    });
    assert.equal(
      matchPerson(input({ link: link('a2'), ...forced('a2') })).message,
      'linked to account a2 by an override',
    );
    assert.equal(matchPerson(input(forced('a2'))).message, 'matched account a2 by an override');
  });

  test('nobody found: what was tried, and a link that is gone or removed, as the matcher words it', () => {
    const tries = [
      { attribute: 'mail', value: '' },
      { attribute: 'employeeId', value: '300' },
    ];
    assert.equal(
      matchPerson(input({ values: tries })).message,
      'no account found (tried mail (no value), employeeId = "300")',
    );
    assert.equal(matchPerson(input({ values: [] })).message, 'no account found (tried nothing)');
    assert.equal(
      matchPerson(input({ link: link('gone'), values: tries })).message,
      'linked account gone no longer exists; no account found (tried mail (no value), employeeId = "300")',
    );
    const refused = matchPerson(
      input({
        link: link('a2'),
        refused: new Set(['a1', 'a2']),
        values: [{ attribute: 'employeeId', value: '100' }],
      }),
    );
    assert.equal(
      refused.message,
      'the link to account a2 is removed by an override; no account found (tried employeeId = "100" (1 account(s) left out by an override))',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(refused.reason)), {
      code: 'no-account',
      tried: [{ attribute: 'employeeId', value: '100', leftOut: 1 }],
      staleLink: 'a2',
      unlinkedByOverride: true,
    });
  });
});

describe('matchPerson scratch', () => {
  test('a matched person refills the result the caller lends, as a new one would read', () => {
    const scratch = new Matched(accounts[1] as Account, null, null, null);
    const first = matchPerson(input({ scratch }));
    assert.equal(first, scratch);
    assert.equal(first.kind, 'matched');
    assert.equal(first.message, 'matched account a1 on employeeId = "100"');
    assert.deepEqual(first.reason, matchPerson(input()).reason);
    const second = matchPerson(
      input({ scratch, employeeNumber: '200', values: [{ attribute: 'employeeId', value: '200' }] }),
    );
    assert.equal(second, scratch);
    assert.equal(second.message, 'matched account a2 on employeeId = "200"');
    // Only a matched result is refilled: a linked one or none is the matcher's own.
    assert.notEqual(matchPerson(input({ scratch, link: link('a2') })), scratch);
    assert.notEqual(
      matchPerson(input({ scratch, values: [{ attribute: 'employeeId', value: '9' }] })),
      scratch,
    );
  });
});
