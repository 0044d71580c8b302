import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleViolations } from './attribute-rules.ts';

test('attribute rules: length, forbidden characters and a trailing dot are reported, other values pass', () => {
  const sam = { maxLength: 20, invalidCharacters: '"/\\[]:;|=,+*?<>@', noTrailingDot: true };
  assert.deepEqual(ruleViolations('sAMAccountName', 'janinevandenboele', sam), []);
  assert.match(
    ruleViolations('sAMAccountName', 'janinevandenboelemeij', sam)[0] ?? '',
    /21 characters; the target allows at most 20/,
  );
  assert.match(ruleViolations('sAMAccountName', 'a/b', sam)[0] ?? '', /contains "\/"/);
  assert.match(ruleViolations('sAMAccountName', 'jan.', sam)[0] ?? '', /ends in a dot/);
  assert.deepEqual(ruleViolations('cn', null, { maxLength: 64 }), []);
  assert.deepEqual(ruleViolations('title', 'x'.repeat(200), undefined), []);
  assert.equal(ruleViolations('proxyAddresses', ['smtp:a@b', 'x'.repeat(10)], { maxLength: 9 }).length, 1);
  assert.deepEqual(ruleViolations('cn', 'é'.repeat(64), { maxLength: 64 }), [], 'characters, not bytes');
});
