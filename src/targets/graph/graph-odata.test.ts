import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accountMaker, filterFor, nestAttributes, odataString, selectFor, toAccount } from './graph-odata.ts';

describe('OData for accounts', () => {
  test('string literals double embedded quotes', () => {
    assert.equal(odataString("O'Brien"), "'O''Brien'");
    assert.equal(
      filterFor('userPrincipalName', "o'brien@contoso.nl").filter,
      "userPrincipalName eq 'o''brien@contoso.nl'",
    );
  });

  test('default filters stay consistent; others are advanced queries', () => {
    assert.deepEqual(filterFor('employeeId', '1001'), { filter: "employeeId eq '1001'", advanced: false });
    assert.deepEqual(filterFor('department', 'ICT'), { filter: "department eq 'ICT'", advanced: true });
    assert.deepEqual(filterFor('employeeOrgData.costCenter', 'K1'), {
      filter: "employeeOrgData/costCenter eq 'K1'",
      advanced: true,
    });
    assert.equal(filterFor('accountEnabled', 'false').filter, 'accountEnabled eq false');
  });

  test('proxy addresses are matched as smtp: addresses with or without the prefix', () => {
    const expected = "proxyAddresses/any(c:c eq 'smtp:jan@contoso.nl')";
    assert.equal(filterFor('proxyAddresses', 'jan@contoso.nl').filter, expected);
    assert.equal(filterFor('proxyAddresses', 'SMTP:jan@contoso.nl').filter, expected);
  });

  test('$select names parents of nested attributes, plus id and accountEnabled', () => {
    assert.equal(
      selectFor(['displayName', 'employeeOrgData.costCenter', 'employeeOrgData.division']),
      'id,accountEnabled,displayName,employeeOrgData',
    );
  });

  test('a Graph user becomes flat attributes; never-set properties are null', () => {
    const account = toAccount(
      {
        id: 'u1',
        accountEnabled: false,
        displayName: 'Jan',
        businessPhones: ['+31 20 1'],
        employeeOrgData: { costCenter: 'K1', division: null },
        assignedLicenses: [{ skuId: 'S' }, { skuId: 't', disabledPlans: ['P2', 'p1'] }],
      },
      [
        'displayName',
        'businessPhones',
        'employeeOrgData.costCenter',
        'employeeOrgData.division',
        'jobTitle',
        'assignedLicenses',
      ],
    );
    assert.deepEqual(account, {
      id: 'u1',
      attributes: {
        accountEnabled: false,
        displayName: 'Jan',
        businessPhones: ['+31 20 1'],
        'employeeOrgData.costCenter': 'K1',
        'employeeOrgData.division': null,
        jobTitle: null,
        // Licences as licenceKey strings: lower case, disabled plans sorted.
        assignedLicenses: ['s', 't;p1,p2'],
      },
    });
  });

  test('accounts of one read: keys in the selection order, an unreported manager stays absent', () => {
    const make = accountMaker(['department', 'manager', 'mail']);
    const a = make({ id: 'a', department: 'ICT', 'manager@delta': [{ id: 'm1' }], mail: 'a@x.nl' });
    const b = make({ id: 'b', department: 'ICT', mail: null });
    const c = make({ id: 'c', accountEnabled: true, department: 'HR', manager: null });
    assert.deepEqual(Object.keys(a.attributes), ['accountEnabled', 'department', 'manager', 'mail']);
    assert.deepEqual(a.attributes, {
      accountEnabled: null,
      department: 'ICT',
      manager: 'm1',
      mail: 'a@x.nl',
    });
    // Absent, not null: an incremental round that does not report the manager keeps the cached one.
    assert.deepEqual(Object.keys(b.attributes), ['accountEnabled', 'department', 'mail']);
    assert.deepEqual(c.attributes, { accountEnabled: true, department: 'HR', manager: null, mail: null });
    // Writing one account's attributes never shows in another's (each is its own clone).
    (a.attributes as Record<string, unknown>).department = 'changed';
    assert.equal(b.attributes.department, 'ICT');
  });

  test('flat attributes nest into a Graph body', () => {
    assert.deepEqual(
      nestAttributes({ jobTitle: 'x', 'employeeOrgData.costCenter': 'K1', 'employeeOrgData.division': null }),
      {
        jobTitle: 'x',
        employeeOrgData: { costCenter: 'K1', division: null },
      },
    );
  });
});
