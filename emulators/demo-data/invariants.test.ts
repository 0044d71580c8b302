/**
 * What must hold in every generated company, checked on the data itself (not on the manifest) for a
 * 1,000-person company under two seeds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCompany } from './generate.ts';
import { toLocalPart } from './names/ascii.ts';
import type { AfasRow, DemoCompany, GraphUserRecord } from './types.ts';

const TODAY = '2026-03-15';
const companies = [1, 2026].map((seed) => generateCompany({ persons: 1000, seed, today: TODAY }));

const rows = (c: DemoCompany, id: string): AfasRow[] =>
  c.afas.connectors.find((x) => x.id === id)?.rows ?? [];
const users = (c: DemoCompany) => rows(c, 'T4E_HelloID_Users_v2');
const employments = (c: DemoCompany) => rows(c, 'T4E_HelloID_Employments_v2');
const units = (c: DemoCompany) => rows(c, 'T4E_HelloID_OrganizationalUnits_v2');
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const active = (e: AfasRow, on = TODAY) =>
  String(e.Begindatum_functie) <= on && (e.Einddatum_functie === null || String(e.Einddatum_functie) >= on);
const byEmployee = (c: DemoCompany) => {
  const map = new Map<string, AfasRow[]>();
  for (const e of employments(c)) {
    const list = map.get(String(e.Medewerker)) ?? [];
    list.push(e);
    map.set(String(e.Medewerker), list);
  }
  return map;
};
const forEach = (check: (c: DemoCompany) => void) => {
  for (const c of companies) check(c);
};

test('every field of the catalogue is on every row, dates are YYYY-MM-DD', () =>
  forEach((c) => {
    for (const connector of c.afas.connectors) {
      const ids = connector.fields.map((f) => f.id).sort();
      for (const row of connector.rows) assert.deepEqual(Object.keys(row).sort(), ids);
      for (const f of connector.fields.filter((x) => x.dataType === 'date'))
        for (const row of connector.rows)
          if (row[f.id] !== null)
            assert.match(String(row[f.id]), /^\d{4}-\d{2}-\d{2}$/, `${connector.id}.${f.id}`);
    }
  }));

test('users are unique and sorted by employee number; every employment belongs to one of them', () =>
  forEach((c) => {
    const numbers = users(c).map((u) => String(u.Medewerker));
    assert.equal(new Set(numbers).size, numbers.length);
    assert.deepEqual(numbers, [...numbers].sort());
    const personNumber = new Map(users(c).map((u) => [u.Medewerker, u.Persoonsnummer]));
    for (const e of employments(c)) {
      assert.ok(personNumber.has(e.Medewerker), `employment of unknown ${e.Medewerker}`);
      assert.equal(e.Persoonsnummer, personNumber.get(e.Medewerker));
    }
    const external = employments(c).map((e) => String(e.ExternalID));
    assert.equal(new Set(external).size, external.length, 'ExternalIDs are unique');
    assert.deepEqual(external, [...external].sort(), 'sorted by ExternalID');
  }));

test('managers and stand-ins are existing employees, never the person themself', () =>
  forEach((c) => {
    const personNumber = new Map(users(c).map((u) => [u.Medewerker, u.Persoonsnummer]));
    let withManager = 0;
    for (const e of employments(c)) {
      for (const [emp, per] of [
        ['Medewerkernummer_leidinggevende', 'Persoonsnummer_leidinggevende'],
        ['Medewerkernummer_VervangendLeidinggevende', 'Persoonsnummer_VervangendLeidinggevende'],
      ] as const) {
        if (e[emp] === null) {
          assert.equal(e[per], null);
          continue;
        }
        assert.ok(personNumber.has(e[emp]), `${emp} ${e[emp]} is not an employee`);
        assert.notEqual(e[emp], e.Medewerker, `${e.Medewerker} manages themself`);
        assert.equal(e[per], personNumber.get(e[emp]));
      }
      if (e.Medewerkernummer_leidinggevende !== null) withManager++;
    }
    assert.ok(withManager >= employments(c).length - 2, 'only the top has no manager');
  }));

test('the org units form one tree: company → divisions → departments → teams, managed by employees', () =>
  forEach((c) => {
    const byId = new Map(units(c).map((u) => [u.ExternalId, u]));
    const roots = units(c).filter((u) => u.ParentExternalId === null);
    assert.equal(roots.length, 1);
    const employees = new Set(users(c).map((u) => u.Medewerker));
    const depth = new Map<unknown, number>();
    for (const unit of units(c)) {
      let d = 0;
      for (
        let u: AfasRow | undefined = unit;
        u && u.ParentExternalId !== null;
        u = byId.get(u.ParentExternalId)
      ) {
        assert.ok(byId.has(u.ParentExternalId), `parent ${u.ParentExternalId} exists`);
        assert.ok(++d <= 3, `cycle or too deep at ${unit.ExternalId}`);
      }
      depth.set(unit.ExternalId, d);
      assert.ok(employees.has(unit.ManagerExternalId), `manager of ${unit.ExternalId}`);
      if (unit.Huidige_vervanger !== null) assert.ok(employees.has(unit.Huidige_vervanger));
    }
    assert.deepEqual([...new Set(depth.values())].sort(), [0, 1, 2, 3]);
    for (const e of employments(c)) {
      const unit = byId.get(e.Organisatorische_eenheid_code);
      assert.ok(unit, `unit ${e.Organisatorische_eenheid_code}`);
      assert.equal(e.Organisatorische_eenheid_omschrijving, unit.DisplayName);
    }
    const current = byEmployee(c);
    for (const unit of units(c))
      assert.ok(
        current.get(String(unit.ManagerExternalId))?.some((e) => active(e)),
        'managers work here today',
      );
  }));

test('hours, FTE and part-time percentage agree (1 FTE = 40 hours); some work part-time', () =>
  forEach((c) => {
    let partTime = 0;
    for (const e of employments(c)) {
      const fte = Number(e.FTE);
      assert.ok(fte >= 0 && fte <= 1);
      assert.ok(Math.abs(Number(e.Uren_per_week) - fte * 40) < 1e-9, String(e.ExternalID));
      assert.ok(Math.abs(Number(e.Parttime_percentage) - fte * 100) < 1e-9);
      assert.equal(e.Dienstverband, fte === 0 ? 'Oproep' : fte === 1 ? 'Fulltime' : 'Parttime');
      if (fte > 0 && fte < 1) partTime++;
    }
    assert.ok(partTime > 200, `${partTime} part-time rows`);
    for (const [n, list] of byEmployee(c)) {
      const total = list.filter((e) => active(e)).reduce((sum, e) => sum + Number(e.FTE), 0);
      assert.ok(total <= 1 + 1e-9, `${n} works ${total} FTE`);
    }
  }));

test('contract and function dates nest; some functions start after their contract', () =>
  forEach((c) => {
    let later = 0;
    for (const e of employments(c)) {
      const cs = str(e.Begindatum_contract);
      const ce = str(e.Einddatum_contract);
      const fs = str(e.Begindatum_functie);
      const fe = str(e.Einddatum_functie);
      assert.ok(cs !== null && fs !== null);
      assert.ok(cs <= fs, `${e.ExternalID} function before contract`);
      if (ce !== null) assert.ok(fe !== null && fe <= ce && cs <= ce);
      if (fe !== null) assert.ok(fs <= fe, `${e.ExternalID} ends before it starts`);
      if (cs < fs) later++;
    }
    assert.ok(later > 20, `${later} function changes`);
  }));

test('lifecycles: future starters (some within 14 days), recent and long-ago leavers, rehires, several jobs', () =>
  forEach((c) => {
    const soon = addDays(TODAY, 14);
    const counts = { future: 0, soon: 0, recentLeaver: 0, oldLeaver: 0, rehire: 0, concurrent: 0 };
    for (const [, list] of byEmployee(c)) {
      const starts = list.map((e) => String(e.Begindatum_contract)).sort();
      const ends = list.map((e) => str(e.Einddatum_contract));
      if (starts[0]! > TODAY) {
        counts.future++;
        if (starts[0]! <= soon) counts.soon++;
      }
      if (ends.every((e) => e !== null)) {
        const last = ends.sort().at(-1)!;
        if (last < TODAY && last >= addDays(TODAY, -90)) counts.recentLeaver++;
        if (last < addDays(TODAY, -90)) counts.oldLeaver++;
      }
      const contracts = [...new Map(list.map((e) => [e.Volgnummer_contract, e])).values()];
      const ended = contracts.find(
        (e) => e.Einddatum_contract !== null && String(e.Einddatum_contract) < TODAY,
      );
      const later =
        ended &&
        contracts.find((e) => String(e.Begindatum_contract) > addDays(String(ended.Einddatum_contract), 60));
      if (later) counts.rehire++;
      if (contracts.filter((e) => active(e)).length >= 2) counts.concurrent++;
    }
    for (const [kind, n] of Object.entries(counts)) assert.ok(n > 0, `${kind}: ${n}`);
    assert.ok(counts.future >= 20 && counts.recentLeaver >= 20, JSON.stringify(counts));
  }));

test('names: all four name-use codes, prefixes, diacritics, IJ, apostrophes, nicknames, long names', () =>
  forEach((c) => {
    const codes = new Set(users(c).map((u) => u.Naamgebruik_code));
    assert.deepEqual([...codes].sort(), ['0', '1', '2', '3']);
    for (const u of users(c)) {
      if (u.Naamgebruik_code !== '0')
        assert.ok(u.Geboortenaam_partner, `${u.Medewerker} uses a partner name`);
      if (u.Geboortenaam_partner === null) assert.equal(u.Voorvoegsel_partner, null);
    }
    const prefixes = new Set(users(c).flatMap((u) => [u.Voorvoegsel, u.Voorvoegsel_partner]));
    for (const p of ['van', 'de', 'van der', 'van den', 'ter', 'ten', "in 't", 'den', "'t"])
      assert.ok(prefixes.has(p), `prefix ${p}`);
    const text = users(c).map(
      (u) => `${u.Voornaam} ${u.Roepnaam} ${u.Geboortenaam} ${u.Geboortenaam_partner ?? ''}`,
    );
    for (const [label, re] of [
      ['é', /é/],
      ['ë', /ë/],
      ['ö', /ö/],
      ['ç', /ç/i],
      ['ï', /ï/],
      ['IJ', /\bIJ|ij/],
      ['apostrophe', /'/],
    ] as const)
      assert.ok(
        text.some((t) => re.test(t)),
        label,
      );
    assert.ok(
      users(c).some((u) => u.Roepnaam !== String(u.Voornaam).split(' ')[0]),
      'calling names differ',
    );
    assert.ok(
      users(c).some((u) => String(u.Voornaam).split(' ').length >= 3),
      'several official names',
    );
    assert.ok(Math.max(...users(c).map((u) => String(u.DisplayName).length)) >= 40, 'some very long names');
    for (const u of users(c)) {
      const initials = String(u.Voornaam)
        .split(/[\s-]+/)
        .map((n) => ['IJ', 'Chr', 'Th', 'Ph'].find((d) => n.startsWith(d)) ?? n.charAt(0))
        .join('.');
      assert.equal(u.Voorletters, `${initials}.`);
    }
  }));

test('phone numbers are Dutch', () =>
  forEach((c) => {
    const mobile = /^(06[- ]?\d{8}|06 \d\d \d\d \d\d \d\d|\+31 ?6 ?\d{8})$/;
    const fixed = /^(0\d\d[- ]?\d{3} ?\d{4}|0\d\d-\d{7}|\+31 ?\d\d ?\d{3} ?\d{4})$/;
    let m = 0;
    let f = 0;
    for (const u of users(c)) {
      if (u.Mobielnr_werk !== null && ++m) assert.match(String(u.Mobielnr_werk), mobile);
      if (u.Telefoonnr_werk !== null && ++f) assert.match(String(u.Telefoonnr_werk), fixed);
    }
    assert.ok(m > 500 && f > 300);
  }));

const accountKey = (u: GraphUserRecord) => u.userPrincipalName.toLowerCase();

test('tenant: UPNs, aliases and addresses are unique, UPNs on verified domains', () =>
  forEach((c) => {
    const verified = new Set(c.tenant.domains.filter((d) => d.isVerified).map((d) => d.id));
    assert.ok(
      c.tenant.domains.some((d) => !d.isVerified),
      'one unverified domain',
    );
    const upns = c.tenant.users.map(accountKey);
    assert.equal(new Set(upns).size, upns.length);
    for (const upn of upns) assert.ok(verified.has(upn.split('@')[1]!), upn);
    const nicks = c.tenant.users.map((u) => u.mailNickname.toLowerCase());
    assert.equal(new Set(nicks).size, nicks.length);
    const addresses = c.tenant.users.flatMap((u) =>
      [
        ...new Set(
          [u.mail, ...(u.proxyAddresses ?? []).map((a) => a.replace(/^smtp:/i, ''))].filter(Boolean),
        ),
      ].map((a) => String(a).toLowerCase()),
    );
    assert.equal(new Set(addresses).size, addresses.length, 'mail and proxy addresses are unique');
    const ids = c.tenant.users.map((u) => u.id);
    assert.equal(new Set(ids).size, ids.length);
  }));

test('tenant: linked accounts belong to AFAS employees, managers to existing accounts, groups and licences add up', () =>
  forEach((c) => {
    const employees = new Set(users(c).map((u) => u.Medewerker));
    const ids = new Set(c.tenant.users.map((u) => u.id));
    let managers = 0;
    for (const u of c.tenant.users) {
      if (u.employeeId) assert.ok(employees.has(u.employeeId), `${u.employeeId} not in AFAS`);
      if (u.managerId) {
        managers++;
        assert.ok(ids.has(u.managerId));
        assert.notEqual(u.managerId, u.id);
      }
    }
    assert.ok(managers > 500, `${managers} accounts with a manager`);
    for (const g of c.tenant.groups)
      for (const m of g.members) assert.ok(ids.has(m), `${g.displayName} member`);
    for (const sku of c.tenant.subscribedSkus) {
      const assigned = c.tenant.users.filter((u) =>
        u.assignedLicenses?.some((l) => l.skuId === sku.skuId),
      ).length;
      assert.equal(sku.consumedUnits, assigned);
      assert.ok(sku.prepaidUnits.enabled >= assigned);
    }
  }));

test('tenant: the designed awkward cases are there', () =>
  forEach((c) => {
    const afasUpn = new Set(
      users(c)
        .map((u) => str(u.UPN)?.toLowerCase())
        .filter(Boolean),
    );
    const afasMail = new Map(users(c).map((u) => [str(u.Email_werk)?.toLowerCase(), u.Medewerker]));
    const unlinked = c.tenant.users.filter((u) => !u.employeeId);
    assert.ok(
      unlinked.some((u) => afasUpn.has(accountKey(u))),
      'an account that matches only by UPN',
    );
    assert.ok(
      unlinked.some((u) => u.mail && afasMail.has(u.mail.toLowerCase()) && !afasUpn.has(accountKey(u))),
      'an account that matches only by mail',
    );
    const perEmployeeId = new Map<string, number>();
    for (const u of c.tenant.users)
      if (u.employeeId) perEmployeeId.set(u.employeeId, (perEmployeeId.get(u.employeeId) ?? 0) + 1);
    assert.ok(
      [...perEmployeeId.values()].some((n) => n === 2),
      'two accounts share an employeeId',
    );
    const mails = new Set(c.tenant.users.map((u) => u.mail?.toLowerCase()).filter(Boolean));
    assert.ok(
      c.tenant.users.some((u) => !u.mail && mails.has(accountKey(u))),
      "one account's UPN is another's mail",
    );
    const enabledById = new Map(
      c.tenant.users.filter((u) => u.employeeId).map((u) => [u.employeeId, u.accountEnabled]),
    );
    const ended = [...byEmployee(c)].filter(([, list]) =>
      list.every((e) => e.Einddatum_contract !== null && String(e.Einddatum_contract) < TODAY),
    );
    assert.ok(
      ended.some(([n]) => enabledById.get(n) === false),
      'leavers already disabled',
    );
    assert.ok(
      ended.some(([n]) => enabledById.get(n) === true),
      'leavers still enabled',
    );
    assert.ok(c.tenant.users.some((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#EXT#')));
    assert.ok(c.tenant.users.some((u) => !u.employeeId && !u.accountEnabled && u.mail?.startsWith('info@')));
    assert.ok(c.tenant.users.some((u) => u.userPrincipalName.startsWith('svc-')));
  }));

test("tenant: some joiners' obvious UPN is already held by someone else's account", () =>
  forEach((c) => {
    const holder = new Map(c.tenant.users.map((u) => [accountKey(u), u]));
    const hasAccount = new Set(c.tenant.users.map((u) => u.employeeId).filter(Boolean));
    const domain = c.tenant.domains.find((d) => d.isDefault)!.id;
    let blocked = 0;
    for (const [n, list] of byEmployee(c)) {
      const u = users(c).find((x) => x.Medewerker === n)!;
      const starts = list.map((e) => String(e.Begindatum_contract)).sort();
      if (hasAccount.has(n) || starts[0]! < addDays(TODAY, -13)) continue;
      const obvious = `${toLocalPart(`${u.Roepnaam}.${u.Voorvoegsel ?? ''}${u.Geboortenaam}`.replace(/\s+/g, ''))}@${domain}`;
      const other = holder.get(obvious);
      if (other && other.employeeId !== n) blocked++;
    }
    assert.ok(blocked >= 5, `${blocked} joiners find their UPN taken`);
  }));

test('the manifest agrees with the data it describes', () =>
  forEach((c) => {
    const m = c.manifest!;
    assert.equal(m.counts.persons, users(c).length);
    assert.equal(m.counts.employments, employments(c).length);
    assert.equal(m.counts.orgUnits, units(c).length);
    assert.equal(
      Object.values(m.counts.accounts).reduce((a, b) => a + b, 0),
      c.tenant.users.length,
    );
    const ids = new Set(c.tenant.users.map((u) => u.id));
    for (const d of m.accounts.duplicateEmployeeId) for (const id of d.accountIds) assert.ok(ids.has(id));
    for (const t of m.accounts.upnTaken)
      assert.ok(c.tenant.users.some((u) => u.id === t.accountId && accountKey(u) === t.userPrincipalName));
    const employed = byEmployee(c);
    for (const n of m.persons.futureStarters)
      assert.ok(employed.get(n)!.every((e) => String(e.Begindatum_contract) > TODAY));
    for (const n of m.persons.rehires)
      assert.equal(new Set(employed.get(n)!.map((e) => e.Volgnummer_contract)).size, 2);
  }));
