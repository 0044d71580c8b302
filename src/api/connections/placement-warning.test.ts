import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection, Tenant } from '../../store/index.ts';
import { placementRule } from '../../targets/ldap/index.ts';
import { placementWarning } from './placement-warning.ts';

const STAFF = 'OU=Staff,DC=example,DC=nl';
const GONE = 'OU=Disabled,DC=example,DC=nl';

const connection = (rule: ReturnType<typeof placementRule> | null) =>
  ({ config: { mapping: rule === null ? [] : [rule] } }) as unknown as Connection;
const tenant = (container: string, disabledContainer: string | null) =>
  ({ directory: { container, disabledContainer } }) as unknown as Tenant;

test('the default placement of the tenant’s own containers: no warning, whatever the case and spacing', () => {
  assert.equal(placementWarning(connection(placementRule(STAFF, GONE)), tenant(STAFF, GONE)), null);
  assert.equal(
    placementWarning(connection(placementRule(STAFF)), tenant('ou=staff, dc=example, dc=nl', null)),
    null,
  );
  assert.equal(placementWarning(connection(null), tenant(STAFF, null)), null, 'no rule: the container');
});

test('the disabled-accounts container emptied on the tenant while the mapping still moves leavers there', () => {
  const warning = placementWarning(connection(placementRule(STAFF, GONE)), tenant(STAFF, null));
  assert.equal(
    warning?.message,
    `The mapping of Container (OU) · parentDistinguishedName in step 3 moves leavers to ${GONE}, while the tenant has no container for disabled accounts (leavers to stay where they are). Runs follow the mapping: change it in step 3, or change the tenant’s containers.`,
  );
});

test('another disabled-accounts container; a mapping of the administrator’s own is left alone', () => {
  const other = 'OU=Leavers,DC=example,DC=nl';
  assert.match(
    placementWarning(connection(placementRule(STAFF, GONE)), tenant(STAFF, other))?.message ?? '',
    new RegExp(`moves leavers to ${GONE}, not to the tenant’s container for disabled accounts ${other}\\.`),
  );
  const own = {
    target: 'parentDistinguishedName',
    type: 'expression',
    source: 'Switch([Afdeling], "OU=Staff,DC=example,DC=nl", "ICT", "OU=ICT,DC=example,DC=nl")',
    apply: 'always',
  } as const;
  assert.equal(placementWarning(connection(own), tenant(other, other)), null);
});
