import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { type Fixture, startFixture, USERS } from './test-fixture.ts';

describe('UpdateConnectors', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  afterEach(async () => {
    await afas.admin('POST', '/reset');
  });
  after(() => afas.close());

  const user = async (medewerker: string) =>
    (
      await afas.rows(
        `/connectors/${USERS}?filterfieldids=Medewerker&filtervalues=${medewerker}&operatortypes=1`,
      )
    )[0] ?? assert.fail(`no users row ${medewerker}`);

  const employee = (emId: unknown, person: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    AfasEmployee: {
      Element: { '@EmId': emId, ...extra, Objects: [{ KnPerson: { Element: { Fields: person } } }] },
    },
  });
  const knUser = (usId: unknown, fields: Record<string, unknown>) => ({
    KnUser: { Element: { '@UsId': usId, Fields: fields } },
  });

  async function expect500(
    method: 'PUT' | 'POST',
    connector: string,
    body: unknown,
    message: string | RegExp,
  ) {
    const response = await afas.send(method, `/connectors/${connector}`, body);
    const text = await response.text();
    assert.equal(response.status, 500, text);
    const parsed = JSON.parse(text) as {
      externalMessage: string;
      errorNumber: number;
      profitLogReference: string;
    };
    if (typeof message === 'string') assert.equal(parsed.externalMessage, message);
    else assert.match(parsed.externalMessage, message);
    assert.equal(typeof parsed.errorNumber, 'number');
    assert.match(parsed.profitLogReference, /^[0-9A-F]{32}$/);
    return parsed;
  }

  test('KnEmployee → KnPerson sets work e-mail and phones on every users row of that person', async () => {
    const response = await afas.send(
      'PUT',
      '/connectors/KnEmployee',
      employee('1004', {
        MatchPer: '0',
        BcCo: 'P1001',
        EmAd: 'jan@new.nl',
        TeNr: '033-7654321',
        MbNr: '06-1',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
    for (const medewerker of ['1001', '1004']) {
      const row = await user(medewerker);
      assert.equal(row.Email_werk, 'jan@new.nl');
      assert.equal(row.Telefoonnr_werk, '033-7654321');
      assert.equal(row.Mobielnr_werk, '06-1');
    }
    assert.equal(
      (await user('1001')).Email_werk_gebruiker,
      'jan.jansen@contoso.nl',
      'the user e-mail is separate',
    );
  });

  test('MatchPer may be a number, custom employee fields are accepted, and "" clears a field', async () => {
    const response = await afas.send(
      'PUT',
      '/connectors/KnEmployee',
      employee('999', { MatchPer: 0, BcCo: 'P0999', EmAd: '', TeNr: '' }, { Fields: { U1234ABCD: 'x' } }),
    );
    assert.equal(response.status, 200);
    const row = await user('999');
    assert.equal(row.Email_werk, null);
    assert.equal(row.Telefoonnr_werk, null);
  });

  test('a sorted read sees the new value in its sort position', async () => {
    const order = async () =>
      (await afas.rows(`/connectors/${USERS}?orderbyfieldids=Email_werk,Medewerker&take=3`)).map(
        (r) => r.Medewerker,
      );
    assert.deepEqual(await order(), ['1002', '1004', '1003']);
    await afas.send(
      'PUT',
      '/connectors/KnEmployee',
      employee('1002', { MatchPer: 0, BcCo: 'P1002', EmAd: 'a@b.nl' }),
    );
    assert.deepEqual(await order(), ['1004', '1002', '1003']);
  });

  test('an Element array updates several employees, or none when one of them is wrong', async () => {
    const body = (first: string, second: string) => ({
      AfasEmployee: {
        Element: [
          {
            '@EmId': '1002',
            Objects: [{ KnPerson: { Element: { Fields: { MatchPer: 0, BcCo: 'P1002', EmAd: first } } } }],
          },
          {
            '@EmId': second,
            Objects: [{ KnPerson: { Element: { Fields: { MatchPer: 0, BcCo: 'P1005', MbNr: '06-5' } } } }],
          },
        ],
      },
    });
    assert.equal((await afas.send('PUT', '/connectors/KnEmployee', body('anna@x.nl', '1005'))).status, 200);
    assert.equal((await user('1002')).Email_werk, 'anna@x.nl');
    assert.equal((await user('1005')).Mobielnr_werk, '06-5');

    const mixed = body('changed@x.nl', '4242');
    await expect500('PUT', 'KnEmployee', mixed, "The entered value for 'Employee' does not exist.");
    assert.equal((await user('1002')).Email_werk, 'anna@x.nl', 'nothing of a refused body is applied');
  });

  test('KnEmployee validation errors', async () => {
    const person = { MatchPer: 0, BcCo: 'P1001', EmAd: 'x@y.nl' };
    const notFound = await expect500(
      'PUT',
      'KnEmployee',
      employee('4242', person),
      "The entered value for 'Employee' does not exist.",
    );
    assert.equal(notFound.errorNumber, -2147220469);
    await expect500('PUT', 'KnEmployee', employee(undefined, person), "'Employee' (@EmId) is required.");
    await expect500(
      'PUT',
      'KnEmployee',
      { KnEmployee: employee('1001', person).AfasEmployee },
      "The object 'KnEmployee' is not known in UpdateConnector 'KnEmployee'.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      {
        AfasEmployee: {
          Element: { '@EmId': '1001', Objects: [{ AfasContract: { Element: { Fields: {} } } }] },
        },
      },
      "The object 'AfasContract' is not known in UpdateConnector 'KnEmployee'.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1002', person),
      "Person 'P1001' does not belong to employee '1002'.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, BcCo: 'P7777' }),
      "The entered value for 'Person' does not exist.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, MatchPer: 1 }),
      /only matches persons on BcCo/,
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, MatchPer: 9 }),
      /'MatchPer' is not valid/,
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { BcCo: 'P1001', EmAd: 'x@y.nl' }),
      /MatchPer\) is required/,
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { MatchPer: 0, EmAd: 'x@y.nl' }),
      "'Person' (BcCo) is required.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, Shoe: 42 }),
      "The field 'Shoe' is not known in object 'KnPerson'.",
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, EmAd: 'not-an-address' }),
      /is not valid/,
    );
    await expect500(
      'PUT',
      'KnEmployee',
      employee('1001', { ...person, EmAd: `${'a'.repeat(251)}@b.nl` }),
      /longer than 255/,
    );
    await expect500(
      'PUT',
      'KnEmployee',
      { AfasEmployee: { Element: { '@EmId': '1001', Extra: 1 } } },
      /'Extra' is not known/,
    );
    await expect500('PUT', 'KnEmployee', { AfasEmployee: {} }, "The object 'AfasEmployee' has no 'Element'.");
    await expect500('POST', 'KnEmployee', employee('1001', person), /does not support inserting employees/);
    assert.equal(
      (await user('1001')).Email_werk,
      'jan.jansen@contoso.nl',
      'no refused call changed anything',
    );
  });

  test('malformed or missing JSON is a 400 with an empty body', async () => {
    for (const body of ['{"AfasEmployee":', '', '[1,2', 'null']) {
      const response = await afas.send('PUT', '/connectors/KnEmployee', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(await response.text(), '');
    }
  });

  test('KnPerson directly, matched on BcCo, answers 201 with the key', async () => {
    const response = await afas.send('PUT', '/connectors/KnPerson', {
      KnPerson: {
        Element: {
          Fields: { MatchPer: '0', BcCo: 'P1003', EmAd: 'emile@new.nl', EmailPortal: 'e@portal.nl' },
        },
      },
    });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { results: { KnPerson: { BcCo: 'P1003' } } });
    const row = await user('1003');
    assert.equal(row.Email_werk, 'emile@new.nl');
    assert.equal(row.Email_portal, 'e@portal.nl');
    await expect500(
      'PUT',
      'KnPerson',
      { KnPerson: { Element: { Fields: { MatchPer: '0', BcCo: 'nobody', EmAd: 'a@b.nl' } } } },
      "The entered value for 'Person' does not exist.",
    );
  });

  test('KnUser sets UPN and user e-mail (201, no body) and applies the mutation code', async () => {
    const response = await afas.send(
      'PUT',
      '/connectors/KnUser',
      knUser('12345.1001', { MtCd: '1', Upn: 'jj@contoso.nl', EmAd: 'jj@contoso.nl', Awin: true }),
    );
    assert.equal(response.status, 201);
    assert.equal(await response.text(), '');
    let row = await user('1001');
    assert.equal(row.UPN, 'jj@contoso.nl');
    assert.equal(row.Email_werk_gebruiker, 'jj@contoso.nl');
    assert.equal(row.Email_werk, 'jan.jansen@contoso.nl', 'the person e-mail is separate');
    assert.equal(row.Profit_Windows, true);

    assert.equal(
      (await afas.send('PUT', '/connectors/KnUser', knUser('12345.1001', { MtCd: 2 }))).status,
      201,
    );
    assert.equal((await user('1001')).Geblokkeerd, true);
    assert.equal(
      (await afas.send('PUT', '/connectors/knuser', knUser('12345.1001', { MtCd: 6 }))).status,
      201,
    );
    assert.equal((await user('1001')).Geblokkeerd, false);

    assert.equal(
      (await afas.send('PUT', '/connectors/KnUser', knUser('12345.1001', { MtCd: 4, UsIdNew: '12345.JJ' })))
        .status,
      201,
    );
    row = await user('1001');
    assert.equal(row.Gebruiker, '12345.JJ');
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { MtCd: 1 }),
      "The entered value for 'User' does not exist.",
    );
  });

  test('KnUser validation errors', async () => {
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.4242', { MtCd: 1 }),
      "The entered value for 'User' does not exist.",
    );
    await expect500('PUT', 'KnUser', knUser(undefined, { MtCd: 1 }), "'User' (@UsId) is required.");
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { Upn: 'a@b.nl' }),
      "'Mutation code' (MtCd) is required.",
    );
    await expect500('PUT', 'KnUser', knUser('12345.1001', { MtCd: 8 }), /'MtCd' is not valid/);
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { MtCd: 1, Colour: 'red' }),
      /'Colour' is not known/,
    );
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { MtCd: 1, Awin: 'sometimes' }),
      /'Awin' is not valid/,
    );
    await expect500('PUT', 'KnUser', knUser('12345.123456789012345', { MtCd: 1 }), /longer than 20/);
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { MtCd: 1, Upn: 'piet@contoso.nl' }),
      "The value 'piet@contoso.nl' for 'Upn' is already used by user '12345.1005'.",
    );
    await expect500(
      'PUT',
      'KnUser',
      knUser('12345.1001', { MtCd: 4, UsIdNew: '12345.1003' }),
      "User '12345.1003' already exists.",
    );
    await expect500(
      'PUT',
      'KnUser',
      { KnUser: { Element: { '@UsId': '12345.1001', '@Action': 'delete', Fields: { MtCd: 1 } } } },
      /does not support deleting/,
    );
    assert.equal((await user('1001')).UPN, 'jan.jansen@contoso.nl');
  });

  test('KnUser POST creates the user of a person who has none', async () => {
    const response = await afas.send(
      'POST',
      '/connectors/KnUser',
      knUser('12345.1002', { MtCd: 1, BcCo: 'P1002', Upn: 'anna@contoso.nl', Nm: 'Anna' }),
    );
    assert.equal(response.status, 201);
    const row = await user('1002');
    assert.equal(row.Gebruiker, '12345.1002');
    assert.equal(row.UPN, 'anna@contoso.nl');
    await expect500(
      'POST',
      'KnUser',
      knUser('12345.1002', { MtCd: 1, BcCo: 'P1002' }),
      "User '12345.1002' already exists.",
    );
    await expect500(
      'POST',
      'KnUser',
      knUser('12345.X', { MtCd: 1, BcCo: 'P1003' }),
      "Person 'P1003' already has user '12345.1003'.",
    );
    await expect500(
      'POST',
      'KnUser',
      knUser('12345.Y', { MtCd: 1, BcCo: 'P4242' }),
      "The entered value for 'Person' does not exist.",
    );
    await expect500('POST', 'KnUser', knUser('12345.Z', { MtCd: 1 }), "'Person' (BcCo) is required.");
  });

  test('an unknown UpdateConnector is refused', async () => {
    await expect500(
      'PUT',
      'KnSubject',
      { KnSubject: { Element: {} } },
      'UpdateConnector not supported for this app or the user is not authorized',
    );
    await expect500(
      'PUT',
      USERS,
      {},
      'UpdateConnector not supported for this app or the user is not authorized',
    );
  });

  test('every update, applied or refused, is in the update log', async () => {
    await afas.send(
      'PUT',
      '/connectors/KnEmployee',
      employee('1001', { MatchPer: 0, BcCo: 'P1001', TeNr: '1' }),
    );
    await afas.send('PUT', '/connectors/KnUser', knUser('12345.4242', { MtCd: 1 }));
    await afas.send('PUT', '/connectors/KnUser', '{oops');
    const { updates } = (await (await afas.admin('GET', '/updates')).json()) as {
      updates: Record<string, unknown>[];
    };
    assert.deepEqual(
      updates.map((u) => [u.sequence, u.method, u.connector, u.status]),
      [
        [1, 'PUT', 'KnEmployee', 200],
        [2, 'PUT', 'KnUser', 500],
        [3, 'PUT', 'KnUser', 400],
      ],
    );
    assert.deepEqual(updates[0]?.changes, [
      { connector: USERS, row: '1001', field: 'Telefoonnr_werk', old: '033-1234567', new: '1' },
      { connector: USERS, row: '1004', field: 'Telefoonnr_werk', old: null, new: '1' },
    ]);
    assert.equal(updates[1]?.error, "The entered value for 'User' does not exist.");
    assert.equal(updates[2]?.request, '{oops');
  });
});
