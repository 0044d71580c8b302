/**
 * Names a new account must avoid that hrsync does not read as accounts, against a real Samba AD
 * domain controller (127.0.0.86), with the connection's base DN an OU so most of the domain lies
 * outside it:
 * - a userPrincipalName held outside the base DN (unique in the forest: read through the Global
 *   Catalog on 3269), a sAMAccountName held outside it (unique in the domain), and a mail address a
 *   contact holds (directory sync refuses duplicates);
 * - a cn held in the same OU by a group, a contact or an OU: an RDN's value is unique among all
 *   children whatever their class (MS-ADTS 3.1.1.3.1.2.1: CN=Abc and L=Abc cannot coexist). Samba
 *   does not enforce this across classes (it accepted CN=Lisa Berg beside OU=Lisa Berg), so for the
 *   OU this is a Windows rule hrsync holds to itself.
 * - another account's implicit UPN, sAMAccountName@domain: Windows signs an account without that UPN
 *   in by it, and Samba refuses a UPN (or a sAMAccountName) that would make two accounts answer to
 *   one such name. It matters when a UPN's local part is not the sAMAccountName (first.last UPNs).
 * The planner sees each in the simulation, so nothing fails at write time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'ldapts';
import { classifyLdapError } from '../../src/targets/ldap/ldap-errors.ts';
import { company, type PersonSpec } from '../engine/company.ts';
import { addOu, addUser, startTestDomain, type TestDomain, users } from './support/samba.ts';
import { type DirectoryStack, startDirectoryStack, userUsn } from './support/stack.ts';

const ADDRESS = '127.0.0.86';
const person = (n: string, given: string, family: string): PersonSpec => ({
  n,
  given,
  family,
  jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
});
const jan = person('2001', 'Jan', 'Jansen');
const piet = person('2002', 'Piet', 'Smit');
const anna = person('2003', 'Anna', 'Groot');
const kees = person('2004', 'Kees', 'Bak');
const lisa = person('2005', 'Lisa', 'Berg');

describe('names held outside the accounts hrsync reads (Samba)', () => {
  let domain: TestDomain;
  let stack: DirectoryStack;
  let staff: string;

  before(async () => {
    domain = await startTestDomain(ADDRESS);
    const base = domain.domain.baseDn;
    const admin = domain.admin;
    staff = `OU=Staff,${base}`;
    await addOu(admin, staff);
    // Outside the base DN: a UPN and a sAMAccountName Jan Jansen's first two candidates would use…
    await addUser(admin, `CN=Other Jan,CN=Users,${base}`, {
      sAMAccountName: 'otherjan',
      userPrincipalName: 'janjansen@hrsync.test',
    });
    await addUser(admin, `CN=J Jansen,CN=Users,${base}`, { sAMAccountName: 'jjansen' });
    // …and a contact with the mail address Piet Smit's first candidate would use.
    await admin.add(`CN=Piet Smit (extern),CN=Users,${base}`, {
      objectClass: ['top', 'person', 'organizationalPerson', 'contact'],
      mail: 'pietsmit@hrsync.test',
    });
    // In the OU new accounts go to: a group named like Anna, a contact named like Kees and also
    // holding Kees's disambiguated name, and an OU named like Lisa.
    await admin.add(`CN=Anna Groot,${staff}`, { objectClass: ['top', 'group'], sAMAccountName: 'team-anna' });
    for (const cn of ['Kees Bak', 'Kees Bak (keesbak)'])
      await admin.add(`CN=${cn},${staff}`, {
        objectClass: ['top', 'person', 'organizationalPerson', 'contact'],
      });
    await addOu(admin, `OU=Lisa Berg,${staff}`);
    stack = await startDirectoryStack(company([jan, piet, anna, kees, lisa]), domain, (c) => ({
      ...c,
      target: { ...c.target, baseDn: staff },
    }));
  });
  after(async () => {
    await stack?.close();
    await domain?.dispose();
  });

  test('Samba serves the Global Catalog on 3269, and it holds the UPN outside the base DN', async () => {
    const d = domain.domain;
    const gc = new Client({
      url: `ldaps://${ADDRESS}:3269`,
      tlsOptions: { ca: [d.ca], servername: d.serverName },
    });
    try {
      await gc.bind(d.adminUpn, d.adminPassword);
      const { searchEntries } = await gc.search('', {
        scope: 'sub',
        filter: '(userPrincipalName=janjansen@hrsync.test)',
        attributes: ['sAMAccountName'],
      });
      assert.deepEqual(
        searchEntries.map((e) => e.sAMAccountName),
        ['otherjan'],
      );
    } finally {
      await gc.unbind().catch(() => {});
    }
  });

  test('the simulation avoids every held name, and fails the person whose names are all taken', async () => {
    const before = await userUsn(domain);
    const outcome = await stack.run('simulation');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(await userUsn(domain), before, 'a simulation writes nothing');
    const byNumber = new Map(outcome.items.map((i) => [i.employeeNumber, i]));
    const created = (n: string, attribute: string) =>
      byNumber.get(n)?.changes.find((c) => c.attribute === attribute)?.new;

    assert.equal(created('2001', 'sAMAccountName'), 'jajansen', 'janjansen (UPN) and jjansen (sAM) are held');
    assert.equal(created('2001', 'userPrincipalName'), 'jajansen@hrsync.test');
    assert.equal(created('2002', 'mail'), 'piesmit@hrsync.test', 'a contact has pietsmit@ as its mail');
    assert.equal(created('2003', 'cn'), 'Anna Groot (annagroot)');
    assert.match(
      (byNumber.get('2003')?.steps ?? []).map((step) => step.message).join('\n'),
      /"Anna Groot" is taken in OU=Staff,DC=hrsync,DC=test by a group/,
    );
    assert.equal(created('2005', 'cn'), 'Lisa Berg (lisaberg)', 'an OU named Lisa Berg');

    const k = byNumber.get('2004');
    assert.equal(k?.status, 'failed');
    assert.match(
      k?.error?.message ?? '',
      /a contact in OU=Staff,DC=hrsync,DC=test is already named "Kees Bak" and "Kees Bak \(keesbak\)" is taken too/,
    );
  });

  test('the sync writes what the simulation showed, with no write refused; a re-sync writes nothing', async () => {
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    const failed = outcome.items.filter((i) => i.status === 'failed');
    assert.deepEqual(
      failed.map((i) => [i.employeeNumber, i.steps.at(-1)?.step]),
      [['2004', 'plan']],
      'only Kees fails, in planning: nothing is refused by the controller',
    );
    const all = await users(domain.admin, staff, ['cn', 'userPrincipalName', 'mail']);
    assert.equal(all.get('jajansen')?.userPrincipalName, 'jajansen@hrsync.test');
    assert.equal(all.get('piesmit')?.mail, 'piesmit@hrsync.test');
    assert.equal(all.get('annagroot')?.dn, `CN=Anna Groot (annagroot),${staff}`);
    assert.equal(all.get('lisaberg')?.dn, `CN=Lisa Berg (lisaberg),${staff}`);
    assert.equal(all.size, 4);

    const before = await userUsn(domain);
    const again = await stack.run('sync');
    assert.equal(again.status, 'succeeded', JSON.stringify(again.error));
    assert.equal(
      again.actionCounts['no-change'],
      4,
      JSON.stringify(again.items.map((i) => [i.action, i.changes])),
    );
    assert.equal(await userUsn(domain), before, 'the disambiguated names are stable: zero writes');
  });

  test('implicit UPNs (sAMAccountName@domain): the simulation avoids them and says why, and the sync is accepted', async () => {
    const base = domain.domain.baseDn;
    const admin = domain.admin;
    const signin = `OU=Signin,${base}`;
    await addOu(admin, signin);
    // An old account without a UPN: it signs in as sara.dekker@hrsync.test.
    await addUser(admin, `CN=Sara Dekker (oud),CN=Users,${base}`, { sAMAccountName: 'sara.dekker' });
    // An account whose UPN is what a new sAMAccountName "tomvisser" would sign in as.
    await addUser(admin, `CN=T Visser,${signin}`, {
      sAMAccountName: 'tvisser-oud',
      userPrincipalName: 'tomvisser@hrsync.test',
    });
    // Samba refuses both (entryAlreadyExists; constraintViolation "implied by sAMAccountName"), so
    // hrsync must not try them.
    const probes = [
      [
        `CN=Probe 1,${signin}`,
        { sAMAccountName: 'probe1', userPrincipalName: 'sara.dekker@hrsync.test' },
        68,
      ],
      [`CN=Probe 2,${signin}`, { sAMAccountName: 'tomvisser' }, 19],
    ] as const;
    for (const [dn, attributes, code] of probes) {
      await assert.rejects(addUser(admin, dn, attributes), (error) => {
        const failure = classifyLdapError(error);
        assert.equal(failure.resultCode, code, String(error));
        assert.match(failure.message, /sAMAccountName@domain/, `${String(error)} → ${failure.message}`);
        return true;
      });
    }
    // UPN and mail first.last, sAMAccountName the same without the dot.
    const sara = person('2006', 'Sara', 'Dekker');
    const tom = person('2007', 'Tom', 'Visser');
    const split = await startDirectoryStack(company([sara, tom]), domain, (c) => ({
      ...c,
      target: { ...c.target, baseDn: signin, container: signin },
      mapping: c.mapping.map((rule) =>
        rule.target === 'sAMAccountName'
          ? { ...rule, source: 'Left(Replace([UniqueName], ".", , , "", , ), 20)' }
          : rule.target === 'parentDistinguishedName'
            ? { ...rule, source: signin }
            : rule,
      ),
      uniqueness: { scheme: 'first.last', candidates: ['[Roepnaam]'], maxSuffix: 9 },
    }));
    try {
      const before = await userUsn(domain);
      const simulation = await split.run('simulation');
      assert.equal(simulation.status, 'succeeded', JSON.stringify(simulation.error));
      assert.equal(await userUsn(domain), before, 'a simulation writes nothing');
      const byNumber = new Map(simulation.items.map((i) => [i.employeeNumber, i]));
      const created = (n: string) =>
        Object.fromEntries(
          (byNumber.get(n)?.changes ?? [])
            .filter((c) => c.attribute === 'sAMAccountName' || c.attribute === 'userPrincipalName')
            .map((c) => [c.attribute, c.new]),
        );
      const said = (n: string) => (byNumber.get(n)?.steps ?? []).map((step) => step.message).join('\n');
      assert.deepEqual(created('2006'), {
        sAMAccountName: 'sdekker',
        userPrincipalName: 's.dekker@hrsync.test',
      });
      assert.match(
        said('2006'),
        /"sara\.dekker" was taken \(sara\.dekker@hrsync\.test is how the account with sAMAccountName "sara\.dekker" signs in\); chose "s\.dekker"/,
      );
      assert.deepEqual(created('2007'), {
        sAMAccountName: 'tvisser',
        userPrincipalName: 't.visser@hrsync.test',
      });
      assert.match(
        said('2007'),
        /"tom\.visser" was taken \(sAMAccountName "tomvisser" would sign in as tomvisser@hrsync\.test, another account’s userPrincipalName\)/,
      );

      const sync = await split.run('sync');
      assert.equal(sync.status, 'succeeded', JSON.stringify(sync.error));
      assert.deepEqual(
        sync.items.filter((i) => i.status === 'failed').map((i) => [i.employeeNumber, i.error?.message]),
        [],
        'the controller accepts what the simulation showed',
      );
      const all = await users(admin, signin, ['userPrincipalName']);
      assert.equal(all.get('sdekker')?.userPrincipalName, 's.dekker@hrsync.test');
      assert.equal(all.get('tvisser')?.userPrincipalName, 't.visser@hrsync.test');
      const quiet = await userUsn(domain);
      const again = await split.run('sync');
      assert.equal(again.actionCounts['no-change'], 2, JSON.stringify(again.items.map((i) => i.changes)));
      assert.equal(await userUsn(domain), quiet, 'a re-sync writes nothing');
    } finally {
      await split.close();
    }
  });
});
