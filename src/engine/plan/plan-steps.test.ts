import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Account, Person, RunStep } from '../../core/index.ts';
import { Linked, Matched, type MatchResult } from '../match/index.ts';
import { accountStep, matchStepOf, readStep } from './plan-steps.ts';

/** A step as the store and the console read it: field by field (run-item-blocks.ts, item-reasons.ts). */
const fields = (s: RunStep) => ({ step: s.step, status: s.status, message: s.message, reason: s.reason });

test("the read step and a matched or linked person's match step hold only their reason's fields, and read and write as the plain steps they were", () => {
  const person = {
    employeeNumber: '100',
    lifecycle: 'active',
    employments: [{}, {}],
    primary: { key: '100-2', startDate: '2024-01-01', endDate: null },
    attributes: { Organisatorische_eenheid_omschrijving: 'Staf', HireDate: '2020-03-01' },
  } as unknown as Person;
  const read = readStep(person);
  const plainRead = {
    step: 'read',
    status: 'success',
    message: '',
    reason: {
      code: 'person',
      lifecycle: 'active',
      employments: 2,
      primary: '100-2',
      start: '2024-01-01',
      end: null,
      unit: 'Staf',
      hire: '2020-03-01',
    },
  };
  // As JSON (a run's items are hashed, compared and sent as JSON): the same text, keys in that order.
  assert.equal(JSON.stringify(read), JSON.stringify(plainRead));
  assert.deepEqual(fields(read), plainRead);
  // One object per person: the reason's fields are the step's own, its reason made when read.
  assert.deepEqual(Object.keys(read), [
    'lifecycle',
    'employments',
    'primary',
    'start',
    'end',
    'unit',
    'hire',
  ]);

  const accountA1 = { id: 'a-1', attributes: {} } as Account;
  const reason = {
    code: 'matched',
    account: 'a-1',
    attribute: 'employeeId',
    value: '100',
    unlinked: null,
  } as const;
  const match = matchStepOf(new Matched(accountA1, 'employeeId', '100', null));
  const plainMatch = {
    step: 'match',
    status: 'success',
    message: 'matched account a-1 on employeeId = "100"',
    reason,
  };
  assert.equal(JSON.stringify(match), JSON.stringify(plainMatch));
  assert.deepEqual(fields(match), plainMatch);
  // One object per person: the reason's fields are the step's own, its reason made when read.
  assert.deepEqual(Object.keys(match), ['account', 'attribute', 'value', 'unlinked']);

  const linkedReason = {
    code: 'linked',
    account: 'a-2',
    since: '2026-01-02T09:00:00.000Z',
    override: false,
  } as const;
  const linked = matchStepOf(new Linked({ id: 'a-2', attributes: {} }, '2026-01-02T09:00:00.000Z', false));
  const plainLinked = {
    step: 'match',
    status: 'success',
    message: 'linked to account a-2 since 2026-01-02T09:00:00.000Z',
    reason: linkedReason,
  };
  assert.equal(JSON.stringify(linked), JSON.stringify(plainLinked));
  assert.deepEqual(fields(linked), plainLinked);
  assert.deepEqual(Object.keys(linked), ['account', 'since', 'override']);

  // A person no account was found for: the same step, worded from its own reason.
  const none = matchStepOf({
    kind: 'none',
    staleLink: true,
    message: '',
    reason: {
      code: 'no-account',
      tried: [{ attribute: 'employeeId', value: '100', leftOut: 0 }],
      staleLink: 'a-9',
      unlinkedByOverride: false,
    },
  } as MatchResult as Exclude<MatchResult, { kind: 'conflict' }>);
  assert.deepEqual(fields(none), {
    step: 'match',
    status: 'success',
    message: 'linked account a-9 no longer exists; no account found (tried employeeId = "100")',
    reason: none.reason,
  });
});

test('persons whose accounts change in as many attributes share one update step, the plain step it was', () => {
  const person = { lifecycle: 'active' } as unknown as Person;
  const two = accountStep('update', person, 2);
  assert.equal(accountStep('update', person, 2), two);
  assert.equal(
    JSON.stringify(two),
    JSON.stringify({ step: 'plan', status: 'success', message: '', reason: { code: 'update', count: 2 } }),
  );
  assert.ok(Object.isFrozen(two) && Object.isFrozen(two.reason));
  assert.deepEqual(accountStep('update', person, 3).reason, { code: 'update', count: 3 });
});

test("a matched or linked person's match step is made from the match result's fields, as from its reason", () => {
  const account = { id: 'a-1', attributes: {} };
  const matched = new Matched(account, 'employeeId', '100', 'a-0');
  assert.deepEqual(Object.keys(matched), ['account', 'attribute', 'value', 'unlinked']);
  const reason = {
    code: 'matched',
    account: 'a-1',
    attribute: 'employeeId',
    value: '100',
    unlinked: 'a-0',
  } as const;
  assert.deepEqual(matched.reason, reason);
  assert.equal(
    matched.message,
    'the link to account a-0 is removed by an override; matched account a-1 on employeeId = "100"',
  );
  const plain = (r: RunStep['reason'], message: string) => ({
    step: 'match',
    status: 'success',
    message,
    reason: r,
  });
  assert.equal(JSON.stringify(matchStepOf(matched)), JSON.stringify(plain(reason, matched.message)));
  const linked = new Linked(account, null, true);
  assert.deepEqual(linked.reason, { code: 'linked', account: 'a-1', since: null, override: true });
  assert.equal(linked.message, 'linked to account a-1 by an override');
  assert.equal(JSON.stringify(matchStepOf(linked)), JSON.stringify(plain(linked.reason, linked.message)));
  assert.deepEqual(Object.keys(matchStepOf(linked)), ['account', 'since', 'override']);
});
