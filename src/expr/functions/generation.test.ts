import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failure, run, sequence, value } from '../test-helpers.ts';

test('Guid: version-4 layout; bytes come from the context random source', () => {
  assert.equal(value('Guid()', {}, { random: () => 0 }), '00000000-0000-4000-8000-000000000000');
  assert.equal(value('Guid()', {}, { random: () => 0.9999 }), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  const a = value('Guid()', {}, { random: sequence(0.1, 0.7, 0.3) });
  const b = value('Guid()', {}, { random: sequence(0.1, 0.7, 0.3) });
  assert.equal(a, b);
  assert.match(String(a), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(
    failure('Guid()', {}, { random: () => 1 }),
    'the random source returned 1, not a number in [0, 1)',
  );
});

/** A seeded generator, so the property checks below are repeatable. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

test('RandomString: minimums hold, avoided characters never appear (200 seeds)', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const v = String(value('RandomString(12, 2, 3, 1, 1, "0Oo1lI?,")', {}, { random: seeded(seed) }));
    assert.equal(v.length, 12);
    assert.ok((v.match(/\d/g) ?? []).length >= 2, v);
    assert.ok((v.match(/[^0-9A-Za-z]/g) ?? []).length >= 3, v);
    assert.ok((v.match(/[A-Z]/g) ?? []).length >= 1, v);
    assert.ok((v.match(/[a-z]/g) ?? []).length >= 1, v);
    assert.ok(!/[0Oo1lI?,]/.test(v), v);
  }
});

test('RandomString: the remainder comes only from classes with a minimum; all-zero minimums use every class', () => {
  for (let seed = 1; seed <= 50; seed++) {
    assert.match(
      String(value('RandomString(20, 1, 0, 0, 1)', {}, { random: seeded(seed) })),
      /^[0-9a-z]{20}$/,
    );
  }
  const all = Array.from({ length: 50 }, (_, seed) =>
    value('RandomString(20, 0, 0, 0, 0)', {}, { random: seeded(seed + 1) }),
  ).join('');
  for (const cls of [/\d/, /[A-Z]/, /[a-z]/, /[^0-9A-Za-z]/]) assert.match(all, cls);
});

test('RandomString: impossible requests are errors that name the parameter', () => {
  assert.equal(
    failure('RandomString(300, 1, 1, 1, 1)'),
    'RandomString: Length must be between 1 and 256, got 300',
  );
  assert.equal(
    failure('RandomString(3, 1, 1, 1, 1)'),
    'RandomString: the minimums add up to 4, more than Length 3',
  );
  assert.equal(
    failure('RandomString(3, -1, 1, 1, 1)'),
    'RandomString: MinimumNumbers cannot be negative, got -1',
  );
  assert.equal(
    failure('RandomString(4, 1, 0, 0, 0, "0123456789")'),
    'RandomString: CharactersToAvoid leaves no numbers',
  );
});

test('SelectUniqueValue: skips empty and repeated candidates; asks the context once per value', () => {
  const asked: string[] = [];
  const result = value(
    'SelectUniqueValue(Join(".", [Roepnaam], [Geboortenaam]), Join(".", [Roepnaam], [Geboortenaam]), [Leeg], Left([Roepnaam], 1))',
    { Roepnaam: 'jan', Geboortenaam: 'jansen', Leeg: '' },
    {
      isUnique: (v) => {
        asked.push(v);
        return v === 'j';
      },
    },
  );
  assert.equal(result, 'j');
  assert.deepEqual(asked, ['jan.jansen', 'j']);
});

test('SelectUniqueValue: every candidate taken is HRS_UNIQUE_EXHAUSTED; no uniqueness check is an evaluation error', () => {
  const exhausted = run('SelectUniqueValue("a", "b")', {}, { isUnique: () => false });
  assert.ok(!exhausted.ok);
  assert.deepEqual(exhausted.error, {
    code: 'HRS_UNIQUE_EXHAUSTED',
    message: 'SelectUniqueValue: every candidate is taken (a, b); add a rule',
    position: 0,
  });
  const empty = run('SelectUniqueValue([x], [y])', {}, { isUnique: () => true });
  assert.ok(!empty.ok && empty.error.message === 'SelectUniqueValue: every rule gave an empty value');
  const unchecked = run('SelectUniqueValue("a", "b")');
  assert.ok(!unchecked.ok);
  assert.deepEqual(unchecked.error, {
    code: 'HRS_EXPR_EVALUATION',
    message: 'SelectUniqueValue: needs a uniqueness check (isUnique) in the evaluation context',
    position: 0,
  });
});
