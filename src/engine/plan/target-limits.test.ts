import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrValue } from '../../core/index.ts';
import type { AttributeLimit } from '../ports.ts';
import {
  fitterFor,
  fitValues,
  type Limits,
  refusedStep,
  shortenedStep,
  writeProblems,
} from './target-limits.ts';

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

test('the fitter made for a list of targets answers as fitValues, for values within and beyond the limits', () => {
  const targets = [
    'displayName',
    'surname',
    'jobTitle',
    'businessPhones',
    'usageLocation',
    'city',
    'otherMails',
  ];
  const withMails: Limits = {
    ...limits(),
    limits: {
      ...limits().limits,
      otherMails: { onTooLong: 'fail', format: (v) => (v.includes('@') ? null : 'is not an e-mail address') },
    },
  };
  const fit = fitterFor(targets, withMails);
  const cases: Record<string, AttrValue>[] = [
    {
      displayName: 'Jan Jansen',
      surname: 'Jansen',
      jobTitle: 'Medewerker',
      usageLocation: 'NL',
      city: 'Utrecht',
    },
    // Within: exactly at the limits, empty lists, nulls, other types, and a key left out.
    { displayName: 'x'.repeat(256), jobTitle: 'x'.repeat(10), businessPhones: ['1'], usageLocation: null },
    { businessPhones: [], otherMails: ['a@b.nl'], city: 42, surname: true },
    {},
    // Beyond: one character too many, a format, a list too long, a list member's format, a name that fails.
    { jobTitle: 'x'.repeat(11), city: 'Utrecht' },
    { usageLocation: 'Nederland' },
    { usageLocation: 'N1' },
    { businessPhones: ['1', '2'] },
    { otherMails: ['a@b.nl', 'geen adres'] },
    { surname: 'ø'.repeat(65), jobTitle: '\u{1F600}'.repeat(6) },
  ];
  for (const values of cases) {
    const expected = fitValues(values, withMails);
    const got = fit(values);
    assert.deepEqual(got.values, expected.values, JSON.stringify(values));
    assert.deepEqual([...got.shortened], [...expected.shortened], JSON.stringify(values));
    assert.deepEqual([...got.problems], [...expected.problems], JSON.stringify(values));
    // Values within every limit are handed back as they are.
    if (expected.values === values) assert.equal(got.values, values);
  }
  // A target named like an object's own keys is no code, and __proto__ is left to fitValues.
  const name = '"]; return true; //';
  const oddLimits: Limits = { ...limits(), limits: { [name]: { maxLength: 1, onTooLong: 'fail' } } };
  const odd = fitterFor([name, '__proto__', 'constructor'], oddLimits);
  assert.equal(odd({ [name]: 'x', constructor: 'y' }).problems.size, 0);
  assert.equal(odd({ [name]: 'xx' }).problems.get(name)?.problem, 'too-long');
});
