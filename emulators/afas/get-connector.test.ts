import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EMPLOYMENTS, type Fixture, startFixture, USERS } from './test-fixture.ts';

const LOG_REFERENCE = /^[0-9A-F]{32}$/;

describe('GetConnector', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  after(() => afas.close());

  const medewerkers = async (query: string, connector = USERS) =>
    (await afas.rows(`/connectors/${connector}?${query}`)).map((row) => row.Medewerker);

  async function expectUnexpectedError(query: string): Promise<void> {
    const response = await afas.get(`/connectors/${USERS}?${query}`);
    assert.equal(response.status, 500, query);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.externalMessage, 'An unexpected error has occurred.');
    assert.equal(body.errorNumber, -2147180999);
    assert.match(String(body.profitLogReference), LOG_REFERENCE);
  }

  test('defaults to skip 0, take 100 and renders every field: null when empty, JSON booleans, fake-UTC dates', async () => {
    const response = await afas.get(`/connectors/${USERS}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as { skip: number; take: number; rows: Record<string, unknown>[] };
    assert.equal(body.skip, 0);
    assert.equal(body.take, 100);
    assert.equal(body.rows.length, 6);
    const anna = body.rows.find((row) => row.Medewerker === '1002');
    assert.deepEqual(Object.keys(anna ?? {}).slice(0, 5), [
      'Medewerker',
      'Persoonsnummer',
      'Gebruiker',
      'DisplayName',
      'Geblokkeerd',
    ]);
    assert.equal(anna?.Gebruiker, null);
    assert.equal(anna?.Geblokkeerd, false);
    const emile = body.rows.find((row) => row.Medewerker === '1003');
    assert.equal(emile?.Geblokkeerd, true);
    assert.equal(emile?.Telefoonnr_werk, null, 'an empty string is sent as null');
    const [first] = await afas.rows(`/connectors/${EMPLOYMENTS}?orderbyfieldids=ExternalID&take=1`);
    assert.equal(first?.Begindatum_functie, '2020-01-01T00:00:00Z');
    assert.equal(first?.Einddatum_functie, null);
    assert.equal(first?.Uren_per_week, 40);
  });

  test('pages with skip/take and echoes what was asked', async () => {
    const response = await afas.get(`/connectors/${USERS}?skip=2&take=2&orderbyfieldids=Medewerker`);
    const body = (await response.json()) as { skip: number; take: number; rows: { Medewerker: string }[] };
    assert.deepEqual([body.skip, body.take], [2, 2]);
    assert.deepEqual(
      body.rows.map((r) => r.Medewerker),
      ['1003', '1004'],
    );
    assert.deepEqual(await medewerkers('skip=6&take=2&orderbyfieldids=Medewerker'), []);
    assert.deepEqual(await medewerkers('skip=0&take=0'), []);
  });

  test('skip=-1&take=-1 returns every row and echoes -1/-1', async () => {
    const response = await afas.get(`/connectors/${USERS}?skip=-1&take=-1`);
    const body = (await response.json()) as { skip: number; take: number; rows: unknown[] };
    assert.deepEqual([body.skip, body.take, body.rows.length], [-1, -1, 6]);
  });

  test('invalid skip/take answers the documented 500 "An unexpected error has occurred."', async () => {
    for (const query of [
      'skip=2&take=-1',
      'skip=-1&take=10',
      'skip=-5',
      'take=-2',
      'take=abc',
      'skip=1.5',
      'take=',
    ]) {
      await expectUnexpectedError(query);
    }
  });

  test('orders ascending, descending and on several fields, each by its type', async () => {
    // Medewerker is text: "999" sorts after "1005".
    assert.deepEqual(await medewerkers('orderbyfieldids=Medewerker'), [
      '1001',
      '1002',
      '1003',
      '1004',
      '1005',
      '999',
    ]);
    assert.deepEqual(await medewerkers('orderbyfieldids=-Medewerker'), [
      '999',
      '1005',
      '1004',
      '1003',
      '1002',
      '1001',
    ]);
    assert.deepEqual(await medewerkers('orderbyfieldids=Persoonsnummer,-Medewerker'), [
      '999',
      '1004',
      '1001',
      '1002',
      '1003',
      '1005',
    ]);
    // Case-insensitive text order: "piet jansen" between "Jan Jansen" and "Zoë van Dijk".
    assert.deepEqual(await medewerkers('orderbyfieldids=DisplayName,Medewerker'), [
      '1002',
      '1003',
      '1001',
      '1004',
      '1005',
      '999',
    ]);
    const ids = async (query: string) =>
      (await afas.rows(`/connectors/${EMPLOYMENTS}?${query}`)).map((row) => row.ExternalID);
    assert.deepEqual(await ids('orderbyfieldids=Volgnummer_contract'), ['E1', 'E2', 'E4', 'E3', 'E5']);
    assert.deepEqual(await ids('orderbyfieldids=-Begindatum_functie'), ['E5', 'E4', 'E2', 'E1', 'E3']);
    // Empty dates sort first ascending, last descending.
    assert.deepEqual(await ids('orderbyfieldids=Einddatum_functie,ExternalID'), [
      'E1',
      'E4',
      'E5',
      'E3',
      'E2',
    ]);
    assert.deepEqual(await ids('orderbyfieldids=-Uren_per_week'), ['E1', 'E2', 'E3', 'E5', 'E4']);
  });

  test('pages of a sorted read join up to the whole sorted table', async () => {
    const whole = await medewerkers('skip=-1&take=-1&orderbyfieldids=-DisplayName,Medewerker');
    const pages: unknown[] = [];
    for (let skip = 0; skip < 6; skip += 4) {
      pages.push(...(await medewerkers(`skip=${skip}&take=4&orderbyfieldids=-DisplayName,Medewerker`)));
    }
    assert.deepEqual(pages, whole);
  });

  test('an unknown sort field is "Connector field \'X\' not found"', async () => {
    for (const query of ['orderbyfieldids=Nope', 'orderbyfieldids=-Nope', 'orderbyfieldids=medewerker']) {
      const response = await afas.get(`/connectors/${USERS}?${query}`);
      assert.equal(response.status, 500);
      const body = (await response.json()) as { externalMessage: string };
      assert.match(body.externalMessage, /^Connector field '(Nope|medewerker)' not found$/);
    }
  });

  test('an unknown connector is refused with a 500 naming the app connector', async () => {
    const response = await afas.get('/connectors/Profit_Nothing');
    assert.equal(response.status, 500);
    const body = (await response.json()) as { externalMessage: string; profitLogReference: string };
    assert.equal(
      body.externalMessage,
      'GetConnector not supported for this app or the user is not authorized',
    );
    assert.match(body.profitLogReference, LOG_REFERENCE);
  });

  test('the path and the connector id are case-insensitive', async () => {
    const origin = afas.baseUrl.replace(/\/ProfitRestServices$/, '');
    for (const path of [
      `/profitrestservices/connectors/${USERS.toLowerCase()}`,
      `/PROFITRESTSERVICES/Connectors/${USERS.toUpperCase()}`,
    ]) {
      const response = await fetch(origin + path, { headers: { authorization: afas.token.header } });
      assert.equal(response.status, 200, path);
      assert.equal(((await response.json()) as { rows: unknown[] }).rows.length, 6);
    }
  });

  test('a query string of 2049 characters is served, 2050 is a 404 with an empty body', async () => {
    const base = `?orderbyfieldids=Medewerker&x=`;
    const at = (length: number) => `/connectors/${USERS}${base}${'a'.repeat(length - base.length)}`;
    const ok = await afas.get(at(2049));
    assert.equal(ok.status, 200);
    const tooLong = await afas.get(at(2050));
    assert.equal(tooLong.status, 404);
    assert.equal(await tooLong.text(), '');
  });

  test('unknown paths are a 404 with an empty body', async () => {
    const response = await afas.get('/nothing/here');
    assert.equal(response.status, 404);
    assert.equal(await response.text(), '');
  });
});
