import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placementContainers } from './directory-reader.ts';

const OU = (name: string) => `OU=${name},DC=zuid,DC=local`;

test('a container without allowedChildClassesEffective takes no users when others carry it (nothing may be created there)', () => {
  assert.deepEqual(
    placementContainers([
      { dn: OU('Staff'), allowedChildClassesEffective: ['organizationalUnit', 'user', 'group'] },
      { dn: OU('Locked') },
      { dn: OU('Groups'), allowedChildClassesEffective: 'group' },
    ]),
    [
      { container: OU('Staff'), accountsAllowed: true },
      { container: OU('Locked'), accountsAllowed: false },
      { container: OU('Groups'), accountsAllowed: false },
    ],
  );
});

test('when no container carries allowedChildClassesEffective (not worked out in a subtree search), each that exists is taken as usable', () => {
  assert.deepEqual(placementContainers([{ dn: OU('Staff') }, { dn: OU('Leavers') }]), [
    { container: OU('Staff'), accountsAllowed: true },
    { container: OU('Leavers'), accountsAllowed: true },
  ]);
});

test('the attribute is found whatever its case (AllowedChildClassesEffective)', () => {
  assert.deepEqual(placementContainers([{ dn: OU('Staff'), AllowedChildClassesEffective: ['User'] }]), [
    { container: OU('Staff'), accountsAllowed: true },
  ]);
});
