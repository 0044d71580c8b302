/**
 * A dataset the real services could never hold is refused where it is read, naming the places of
 * the mistake: two users holding one value Entra ID keeps unique, two AFAS rows with one key, an
 * employment naming an employee or unit AFAS does not have. Before, the Graph emulator said only
 * "Dataset user <id>: userPrincipalName already used by <id>" without the file or the indexes, and
 * the AFAS emulator served duplicate keys and dangling references without a word.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Directory } from '../graph/directory/directory.ts';
import { EMPLOYMENTS_CONNECTOR, ORG_UNITS_CONNECTOR, USERS_CONNECTOR } from './connectors.ts';
import { afasDatasetIn, demoCompanyIn, tenantDatasetIn } from './dataset-check.ts';
import { generateCompany } from './generate.ts';
import type { AfasDataset, DemoCompany, TenantDataset } from './types.ts';

const SOURCE = '--data company.json';
const GRAPH = `${SOURCE} holds a tenant Entra ID would refuse`;
const AFAS = `${SOURCE} holds data AFAS could not serve`;

/** A fresh small company, edited by `edit` (a JSON copy: the edits never leak between cases). */
function company(edit: (c: DemoCompany) => void = () => {}): DemoCompany {
  const c = JSON.parse(JSON.stringify(generateCompany({ persons: 12, seed: 5, today: '2026-03-15' })));
  edit(c);
  return c;
}

function connectorIndex(afas: AfasDataset, id: string): number {
  const index = afas.connectors.findIndex((c) => c.id === id);
  assert.ok(index >= 0, id);
  return index;
}

function rows(c: DemoCompany, id: string) {
  return c.afas.connectors[connectorIndex(c.afas, id)]!.rows;
}

describe('a Graph dataset', () => {
  test('the generated one is accepted', () => {
    assert.doesNotThrow(() => tenantDatasetIn(company(), SOURCE));
  });

  test('two users with one userPrincipalName, in any case, are refused naming both', () => {
    const c = company((c) => {
      c.tenant.users[7]!.userPrincipalName = c.tenant.users[2]!.userPrincipalName.toUpperCase();
    });
    const upn = c.tenant.users[2]!.userPrincipalName;
    assert.throws(() => tenantDatasetIn(c, SOURCE), {
      message: `${GRAPH}: tenant.users[2].userPrincipalName ${JSON.stringify(upn)} and tenant.users[7].userPrincipalName ${JSON.stringify(upn.toUpperCase())} are the same userPrincipalName; Entra ID keeps it unique among users, whatever the case`,
    });
    // A bare TenantDataset: the places are the file's own.
    const same = company((c) => {
      c.tenant.users[9]!.userPrincipalName = c.tenant.users[4]!.userPrincipalName;
    });
    assert.throws(() => tenantDatasetIn(same.tenant, SOURCE), {
      message: `${GRAPH}: users[4] and users[9] both hold userPrincipalName ${JSON.stringify(same.tenant.users[4]!.userPrincipalName)}; Entra ID keeps it unique among users, whatever the case`,
    });
  });

  test('a mail another user holds as a proxy address is refused', () => {
    const c = company((c) => {
      c.tenant.users[5]!.mail = 'Shared@contoso.nl';
      c.tenant.users[5]!.proxyAddresses = ['SMTP:Shared@contoso.nl'];
      c.tenant.users[8]!.proxyAddresses = [
        `SMTP:${c.tenant.users[8]!.userPrincipalName}`,
        'smtp:shared@CONTOSO.nl',
      ];
    });
    assert.throws(() => tenantDatasetIn(c.tenant, SOURCE), {
      message: `${GRAPH}: users[5].mail "Shared@contoso.nl" and users[8].proxyAddresses[1] "smtp:shared@CONTOSO.nl" are the same address; Entra ID keeps every address (mail and proxyAddresses) unique among users, whatever the case`,
    });
  });

  test('two users with one id are refused', () => {
    const c = company((c) => {
      c.tenant.users[3]!.id = c.tenant.users[1]!.id;
    });
    assert.throws(() => tenantDatasetIn(c.tenant, SOURCE), {
      message: `${GRAPH}: users[1] and users[3] both hold id ${JSON.stringify(c.tenant.users[1]!.id)}; an object id names one object`,
    });
  });

  test('a reference Entra ID could never hold is refused: a UPN off the verified domains, a manager, member or licence naming nothing', () => {
    const domain = company((c) => {
      c.tenant.users[2]!.userPrincipalName = 'jan@contoso-groep.nl';
    });
    assert.throws(() => tenantDatasetIn(domain, SOURCE), {
      message: `${GRAPH}: tenant.users[2].userPrincipalName "jan@contoso-groep.nl" is on contoso-groep.nl, which is no verified domain of the tenant (contoso.nl, contoso.onmicrosoft.com); Entra ID takes a UPN only on a verified domain`,
    });
    const manager = company((c) => {
      c.tenant.users[4]!.managerId = 'no-such-user';
    });
    assert.throws(() => tenantDatasetIn(manager.tenant, SOURCE), {
      message: `${GRAPH}: users[4].managerId "no-such-user" names no user of the tenant; Entra ID holds a manager as a reference to an existing user`,
    });
    const member = company((c) => {
      c.tenant.groups[1]!.members.push('no-such-object');
    });
    const at = member.tenant.groups[1]!.members.length - 1;
    assert.throws(() => tenantDatasetIn(member, SOURCE), {
      message: `${GRAPH}: tenant.groups[1].members[${at}] "no-such-object" names no user or group of the tenant; a member is an existing object`,
    });
    const licence = company((c) => {
      c.tenant.users[1]!.assignedLicenses = [{ skuId: 'no-such-sku', disabledPlans: [] }];
    });
    assert.throws(() => tenantDatasetIn(licence, SOURCE), {
      message: `${GRAPH}: tenant.users[1].assignedLicenses[0].skuId "no-such-sku" is no SKU of subscribedSkus; a licence is assigned only from a SKU the tenant subscribes to`,
    });
    // Ids are compared without case, as the emulator does.
    const upper = company((c) => {
      const group = c.tenant.groups[1]!;
      const boss = c.tenant.users.find((u) => !group.members.includes(u.id))!;
      c.tenant.users[4]!.managerId = boss.id.toUpperCase();
      group.members.push(boss.id.toUpperCase());
    });
    assert.doesNotThrow(() => tenantDatasetIn(upper, SOURCE));
    const twice = company((c) => {
      const group = c.tenant.groups[1]!;
      group.members.push(group.members[0]!.toUpperCase());
    });
    const last = twice.tenant.groups[1]!.members.length - 1;
    assert.throws(() => tenantDatasetIn(twice, SOURCE), {
      message: `${GRAPH}: tenant.groups[1].members[0] and tenant.groups[1].members[${last}] both name ${JSON.stringify(twice.tenant.groups[1]!.members[last])}; a group holds each member once`,
    });
  });

  test('the Graph emulator given such a tenant in code names the users too', () => {
    const c = company((c) => {
      c.tenant.users[6]!.mailNickname = c.tenant.users[0]!.mailNickname;
    });
    assert.throws(() => new Directory(c.tenant as TenantDataset, () => 0), {
      message: `Dataset users[0] and users[6] both hold mailNickname ${JSON.stringify(c.tenant.users[0]!.mailNickname)}; Entra ID keeps it unique among users, whatever the case`,
    });
  });
});

describe('an AFAS dataset', () => {
  test('the generated one is accepted, a DemoCompany and its afas part alike', () => {
    const c = company();
    assert.doesNotThrow(() => afasDatasetIn(c, SOURCE));
    assert.doesNotThrow(() => afasDatasetIn(c.afas, SOURCE));
    assert.doesNotThrow(() => demoCompanyIn(c, SOURCE));
  });

  test('duplicate keys are refused naming both rows', () => {
    const users = connectorIndex(company().afas, USERS_CONNECTOR);
    const jobs = connectorIndex(company().afas, EMPLOYMENTS_CONNECTOR);
    const units = connectorIndex(company().afas, ORG_UNITS_CONNECTOR);
    const employee = company((c) => {
      rows(c, USERS_CONNECTOR)[4]!.Medewerker = String(rows(c, USERS_CONNECTOR)[1]!.Medewerker).toLowerCase();
    });
    const number = rows(employee, USERS_CONNECTOR)[1]!.Medewerker;
    assert.throws(() => afasDatasetIn(employee, SOURCE), {
      message: `${AFAS}: afas.connectors[${users}].rows[1] and afas.connectors[${users}].rows[4] both hold Medewerker ${JSON.stringify(number)}; ${USERS_CONNECTOR} serves one row per employee`,
    });
    const employment = company((c) => {
      rows(c, EMPLOYMENTS_CONNECTOR)[6]!.ExternalID = rows(c, EMPLOYMENTS_CONNECTOR)[3]!.ExternalID!;
    });
    assert.throws(() => afasDatasetIn(employment.afas, SOURCE), {
      message: `${AFAS}: connectors[${jobs}].rows[3] and connectors[${jobs}].rows[6] both hold ExternalID ${JSON.stringify(rows(employment, EMPLOYMENTS_CONNECTOR)[3]!.ExternalID)}; ${EMPLOYMENTS_CONNECTOR} serves one row per employment`,
    });
    const unit = company((c) => {
      rows(c, ORG_UNITS_CONNECTOR)[2]!.ExternalId = rows(c, ORG_UNITS_CONNECTOR)[0]!.ExternalId!;
    });
    assert.throws(() => demoCompanyIn(unit, SOURCE), {
      message: `${AFAS}: afas.connectors[${units}].rows[0] and afas.connectors[${units}].rows[2] both hold ExternalId ${JSON.stringify(rows(unit, ORG_UNITS_CONNECTOR)[0]!.ExternalId)}; ${ORG_UNITS_CONNECTOR} serves one row per organisational unit`,
    });
    const missing = company((c) => {
      rows(c, USERS_CONNECTOR)[3]!.Medewerker = null;
    });
    assert.throws(() => afasDatasetIn(missing, SOURCE), {
      message: `${AFAS}: afas.connectors[${users}].rows[3] has no Medewerker; every employee in AFAS has one`,
    });
  });

  test('two connectors with one id are refused', () => {
    const c = company((c) => {
      c.afas.connectors.push({ ...c.afas.connectors[0]!, id: c.afas.connectors[0]!.id.toUpperCase() });
    });
    const last = c.afas.connectors.length - 1;
    assert.throws(() => afasDatasetIn(c.afas, SOURCE), {
      message: `${AFAS}: connectors[0].id ${JSON.stringify(c.afas.connectors[0]!.id)} and connectors[${last}].id ${JSON.stringify(c.afas.connectors[last]!.id)} are the same connector; AFAS names each GetConnector once, whatever the case`,
    });
  });

  test('an employment naming an employee or unit AFAS does not have is refused', () => {
    const users = connectorIndex(company().afas, USERS_CONNECTOR);
    const jobs = connectorIndex(company().afas, EMPLOYMENTS_CONNECTOR);
    const units = connectorIndex(company().afas, ORG_UNITS_CONNECTOR);
    const employee = company((c) => {
      rows(c, EMPLOYMENTS_CONNECTOR)[2]!.Medewerker = '99999';
    });
    assert.throws(() => afasDatasetIn(employee, SOURCE), {
      message: `${AFAS}: afas.connectors[${jobs}].rows[2].Medewerker "99999" names no employee of ${USERS_CONNECTOR} (afas.connectors[${users}]); an employment's employee passes that connector's filter too, so AFAS would serve them`,
    });
    const unit = company((c) => {
      rows(c, EMPLOYMENTS_CONNECTOR)[5]!.Organisatorische_eenheid_code = 'NOPE';
    });
    assert.throws(() => afasDatasetIn(unit, SOURCE), {
      message: `${AFAS}: afas.connectors[${jobs}].rows[5].Organisatorische_eenheid_code "NOPE" names no unit of ${ORG_UNITS_CONNECTOR} (afas.connectors[${units}]); an employment's unit exists in AFAS`,
    });
    const parent = company((c) => {
      rows(c, ORG_UNITS_CONNECTOR)[1]!.ParentExternalId = 'NOPE';
    });
    assert.throws(() => afasDatasetIn(parent, SOURCE), {
      message: `${AFAS}: afas.connectors[${units}].rows[1].ParentExternalId "NOPE" names no unit of ${ORG_UNITS_CONNECTOR} (afas.connectors[${units}]); a unit's parent exists in AFAS`,
    });
  });

  test('a manager AFAS holds but does not serve (one who left) is accepted', () => {
    const c = company((c) => {
      rows(c, EMPLOYMENTS_CONNECTOR)[2]!.Medewerkernummer_leidinggevende = '99999';
      rows(c, ORG_UNITS_CONNECTOR)[0]!.ManagerExternalId = '99998';
    });
    assert.doesNotThrow(() => afasDatasetIn(c, SOURCE));
    // Nor does a dataset without the units connector check unit codes.
    const noUnits = company((c) => {
      c.afas.connectors.splice(connectorIndex(c.afas, ORG_UNITS_CONNECTOR), 1);
    });
    assert.doesNotThrow(() => afasDatasetIn(noUnits, SOURCE));
  });

  test('the users connector named with --users-connector is the one employees are looked up in', () => {
    const c = company((c) => {
      const users = connectorIndex(c.afas, USERS_CONNECTOR);
      c.afas.connectors[users] = { ...c.afas.connectors[users]!, id: 'Custom_Users' };
      rows(c, EMPLOYMENTS_CONNECTOR)[0]!.Medewerker = '99999';
    });
    assert.doesNotThrow(() => afasDatasetIn(c, SOURCE));
    assert.throws(() => afasDatasetIn(c, SOURCE, 'custom_users'), /names no employee of Custom_Users/);
  });
});
