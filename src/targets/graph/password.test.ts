import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strongPassword } from './password.ts';

describe('strongPassword', () => {
  test('has every character class and differs each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = strongPassword();
      assert.equal(password.length, 24);
      for (const pattern of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) assert.match(password, pattern);
      seen.add(password);
    }
    assert.equal(seen.size, 200);
  });
});
