import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttributeLimit } from '../ports.ts';
import { fitValues, type Limits, refusedStep, shortenedStep, writeProblems } from './target-limits.ts';

const limits = (policy: Record<string, 'shorten' | 'fail'> = {}): Limits => ({
  targetName: 'Microsoft Entra ID',
  limits: {
    surname: { maxLength: 64, onTooLong: 'fail' },
    jobTitle: { maxLength: 10, onTooLong: 'shorten' },
    businessPhones: { maxValues: 1, onTooLong: 'shorten' },
    usageLocation: {
      maxLength: 2,
      onTooLong: 'fail',
      format: (v) => (/^[A-Z]{2}$/i.test(v) ? null : 'must be a two-letter country code'),
    },
    displayName: { maxLength: 256, cannotClear: true, onTooLong: 'fail' },
  } satisfies Record<string, AttributeLimit>,
  policyOf: (a) => policy[a],
});

test('too long: names fail by default, descriptive texts are shortened with old → new', () => {
  const check = fitValues(
    { surname: 'x'.repeat(68), jobTitle: 'Medewerker administratie', city: 'Utrecht' },
    limits(),
  );
  assert.deepEqual(check.problems.get('surname'), {
    attribute: 'surname',
    problem: 'too-long',
    length: 68,
    max: 64,
    value: 'x'.repeat(68),
  });
  // The engine's own text stays the step's detail; the reason carries the values for the words.
  const refusal = refusedStep(limits(), [...check.problems.values()], true);
  assert.match(
    refusal.message,
    /^Microsoft Entra ID would refuse the new account: surname is 68 characters; Microsoft Entra ID allows at most 64/,
  );
  assert.equal(refusal.reason?.code, 'refused');
  const warning = shortenedStep(check.shortened.get('jobTitle')!, limits());
  assert.deepEqual(warning.reason, {
    code: 'shortened',
    target: 'Microsoft Entra ID',
    attribute: 'jobTitle',
    max: 10,
    old: 'Medewerker administratie',
    new: 'Medewerker',
  });
  assert.equal(check.values.jobTitle, 'Medewerker');
  assert.equal(check.shortened.get('jobTitle')?.old, 'Medewerker administratie');
  assert.match(
    check.shortened.get('jobTitle')?.message ?? '',
    /shortened "Medewerker administratie" → "Medewerker"/,
  );
  assert.equal(check.values.city, 'Utrecht');
});

test("the mapping's choice wins over the target's default", () => {
  const check = fitValues(
    { surname: 'x'.repeat(68), jobTitle: 'Medewerker administratie' },
    limits({ surname: 'shorten', jobTitle: 'fail' }),
  );
  assert.equal(check.values.surname, 'x'.repeat(64));
  assert.ok(check.problems.has('jobTitle'));
});

test('formats, value counts, required attributes and clearing', () => {
  const check = fitValues(
    { usageLocation: 'Nederland', businessPhones: ['1', '2'], displayName: null },
    limits(),
  );
  assert.deepEqual(check.problems.get('usageLocation'), {
    attribute: 'usageLocation',
    problem: 'format',
    value: 'Nederland',
    rule: 'must be a two-letter country code',
  });
  assert.deepEqual(check.values.businessPhones, ['1']);
  const create = writeProblems(check, [{ attribute: 'usageLocation', value: 'Nederland' }], limits(), [
    'displayName',
  ]);
  assert.deepEqual(
    create.map((p) => p.attribute),
    ['usageLocation', 'displayName'],
  );
  const update = writeProblems(check, [{ attribute: 'displayName', value: null }], limits(), null);
  assert.deepEqual(update, [{ attribute: 'displayName', problem: 'cannot-clear' }]);
});
