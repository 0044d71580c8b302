import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USER_PROPERTIES } from '../../../emulators/graph/directory/user-properties.ts';
import { GRAPH_CAPABILITIES } from './graph-capabilities.ts';

test('the target and the emulator agree on what Graph writes for accounts on-premises AD owns', () => {
  const owner = GRAPH_CAPABILITIES.externalOwner;
  assert.ok(owner);
  assert.deepEqual(
    [...owner.writable].sort(),
    USER_PROPERTIES.filter((p) => p.writableWhenSynced)
      .map((p) => p.name)
      .sort(),
  );
  assert.ok(GRAPH_CAPABILITIES.alwaysRead?.includes(owner.attribute), 'every read says who owns the account');
});

test('the target and the emulator agree on every mapped property’s length limit', () => {
  for (const [name, limit] of Object.entries(GRAPH_CAPABILITIES.attributeLimits ?? {})) {
    const spec = USER_PROPERTIES.find((p) => p.name === name);
    if (limit.maxLength === undefined || spec?.maxLength === undefined) continue;
    assert.equal(limit.maxLength, spec.maxLength, name);
  }
});
