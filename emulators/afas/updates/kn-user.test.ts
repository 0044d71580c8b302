import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { USERS } from '../test-fixture.ts';
import { employee, knUser, updateHelpers, useUpdateFixture } from './update-test-helpers.ts';

describe('UpdateConnector KnUser, unknown connectors and the update log', () => {
  const fixture = useUpdateFixture();
  const { user, expect500 } = updateHelpers(fixture);

  test('KnUser sets UPN and user e-mail (201, no body) and applies the mutation code', async () => {
    const response = await fixture().send(
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
      (await fixture().send('PUT', '/connectors/KnUser', knUser('12345.1001', { MtCd: 2 }))).status,
      201,
    );
    assert.equal((await user('1001')).Geblokkeerd, true);
    assert.equal(
      (await fixture().send('PUT', '/connectors/knuser', knUser('12345.1001', { MtCd: 6 }))).status,
      201,
    );
    assert.equal((await user('1001')).Geblokkeerd, false);

    assert.equal(
      (
        await fixture().send(
          'PUT',
          '/connectors/KnUser',
          knUser('12345.1001', { MtCd: 4, UsIdNew: '12345.JJ' }),
        )
      ).status,
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
    const response = await fixture().send(
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
    await fixture().send(
      'PUT',
      '/connectors/KnEmployee',
      employee('1001', { MatchPer: 0, BcCo: 'P1001', TeNr: '1' }),
    );
    await fixture().send('PUT', '/connectors/KnUser', knUser('12345.4242', { MtCd: 1 }));
    await fixture().send('PUT', '/connectors/KnUser', '{oops');
    const { updates } = (await (await fixture().admin('GET', '/updates')).json()) as {
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
