import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionConfig, MappingRule } from '../../core/index.ts';
import { compileMapping } from '../map/index.ts';
import { AccountIndex } from '../match/index.ts';
import { compileScope } from '../scope/index.ts';
import { planRun } from './plan-run.ts';
import { cloudTestConfig } from './test-config.ts';

/** Whether the run may pre-check unique names rule by rule (create-plan.ts takenValue). */
function pure(mailNickname: string, extra: MappingRule[] = []): boolean {
  const base = cloudTestConfig();
  const mapping: MappingRule[] = [
    ...base.mapping.map((r) => (r.target === 'mailNickname' ? { ...r, source: mailNickname } : r)),
    ...extra,
  ];
  const config: ConnectionConfig = { ...base, mapping };
  const compiled = compileMapping(config.mapping, {});
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
  return planRun({
    config,
    mapping: compiled.mapping,
    scope: compileScope(config.scope),
    persons: [],
    index: new AccountIndex([], ['userPrincipalName', 'mail', 'mailNickname']),
    links: [],
    today: '2026-11-24',
    nowIso: '2026-11-24T09:00:00Z',
    collisions: {},
  }).uniqueRulesPure;
}

test('unique rules are pre-checked one by one only when skipping one can change nothing', () => {
  assert.equal(pure('[UniqueName]'), true, 'the default rules: text functions only');
  assert.equal(pure('ToLower(Left([UniqueName], 20))'), true);
  // A draw from the random stream skipped (or made twice) would change every later draw.
  assert.equal(pure('Join("", [UniqueName], RandomString(4,4,0,0,0))'), false);
  assert.equal(pure('Join("", [UniqueName], Guid())'), false);
  assert.equal(pure('Join("", [UniqueName], guid())'), false, 'function names in any case');
  // A function not known to be pure, even one only named inside a quoted text, counts as impure.
  assert.equal(pure('Join("Replace(", [UniqueName])'), false);
  // Two rules for one target: the values record keeps one of them, the pre-check would ask both.
  const twice: MappingRule = {
    target: 'mailNickname',
    type: 'expression',
    source: '[UniqueName]',
    apply: 'create',
  };
  assert.equal(pure('[UniqueName]', [twice]), false);
});
