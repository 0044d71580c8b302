import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { USERS } from '../test-fixture.ts';
import { employee, updateHelpers, useUpdateFixture } from './update-test-helpers.ts';

describe('UpdateConnectors KnEmployee and KnPerson', () => {
  const fixture = useUpdateFixture();
  const { user, expect500 } = updateHelpers(fixture);

  test('KnEmployee → KnPerson sets work e-mail and phones on every users row of that person', async () => {
    const response = await fixture().send(
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
    const response = await fixture().send(
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
      (await fixture().rows(`/connectors/${USERS}?orderbyfieldids=Email_werk,Medewerker&take=3`)).map(
        (r) => r.Medewerker,
      );
    assert.deepEqual(await order(), ['1002', '1004', '1003']);
    await fixture().send(
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
    assert.equal(
      (await fixture().send('PUT', '/connectors/KnEmployee', body('anna@x.nl', '1005'))).status,
      200,
    );
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
      const response = await fixture().send('PUT', '/connectors/KnEmployee', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(await response.text(), '');
    }
  });

  test('KnPerson directly, matched on BcCo, answers 201 with the key', async () => {
    const response = await fixture().send('PUT', '/connectors/KnPerson', {
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
});
