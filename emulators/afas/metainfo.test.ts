import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EMPLOYMENTS, type Fixture, startFixture, USERS } from './test-fixture.ts';

describe('metainfo and ProfitVersion', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture({ profitVersion: '24.9.7', appName: 'Test app' });
  });
  after(() => afas.close());

  test('GET /metainfo lists the update and get connectors and the app info', async () => {
    const response = await afas.get('/metainfo');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      updateConnectors: [
        { id: 'KnEmployee', description: 'Medewerker' },
        { id: 'KnPerson', description: 'Persoon' },
        { id: 'KnUser', description: 'Gebruiker' },
      ],
      getConnectors: [
        { id: USERS, description: 'Tools4ever - HelloID - Users' },
        { id: EMPLOYMENTS, description: 'Tools4ever - HelloID - Employments' },
      ],
      info: {
        envid: 'O12345AA',
        appName: 'Test app',
        group: 'AuthorizationGroup 101 (12345.HRSYNC)',
        tokenExpiry: '0',
      },
    });
  });

  test('GET /metainfo/get/{id} describes the fields, whatever the case of the id', async () => {
    const response = await afas.get(`/metainfo/get/${EMPLOYMENTS.toLowerCase()}`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      name: string;
      description: string;
      fields: Record<string, unknown>[];
    };
    assert.equal(body.name, EMPLOYMENTS);
    assert.equal(body.description, 'Tools4ever - HelloID - Employments');
    assert.equal(body.fields.length, 7);
    assert.deepEqual(body.fields[3], {
      id: 'Begindatum_functie',
      fieldId: 'U018',
      dataType: 'date',
      label: 'Begindatum functie',
      length: 255,
      controlType: 1,
      decimals: 0,
      decimalsFieldId: '',
    });
  });

  test('metainfo of an unknown connector is refused like reading it', async () => {
    const response = await afas.get('/metainfo/get/Nope');
    assert.equal(response.status, 500);
    const body = (await response.json()) as { externalMessage: string };
    assert.equal(
      body.externalMessage,
      'GetConnector not supported for this app or the user is not authorized',
    );
  });

  test('GET /ProfitVersion answers the configured version, default 25.2.1', async () => {
    assert.deepEqual(await (await afas.get('/ProfitVersion')).json(), { version: '24.9.7' });
    assert.deepEqual(await (await afas.get('/profitversion')).json(), { version: '24.9.7' });
    const plain = await startFixture();
    try {
      assert.deepEqual(await (await plain.get('/ProfitVersion')).json(), { version: '25.2.1' });
    } finally {
      await plain.close();
    }
  });
});
