import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afasBaseUrl, getConnectorUrl, MAX_QUERY_LENGTH } from './afas-url.ts';

describe('afasBaseUrl', () => {
  test('builds the host from environment number and kind', () => {
    assert.equal(
      afasBaseUrl({ number: '12345', kind: 'production' }),
      'https://12345.rest.afas.online/ProfitRestServices',
    );
    assert.equal(
      afasBaseUrl({ number: '12345', kind: 'test' }),
      'https://12345.resttest.afas.online/ProfitRestServices',
    );
    assert.equal(
      afasBaseUrl({ number: '654321', kind: 'accept' }),
      'https://654321.restaccept.afas.online/ProfitRestServices',
    );
  });

  test('takes a configured base URL without its trailing slash', () => {
    assert.equal(
      afasBaseUrl({ baseUrl: 'http://127.0.0.1:4001/profitrestservices/' }),
      'http://127.0.0.1:4001/profitrestservices',
    );
  });
});

describe('getConnectorUrl', () => {
  const base = 'https://1.rest.afas.online/ProfitRestServices';

  test('pages sorted on the key', () => {
    const url = new URL(
      getConnectorUrl(base, 'T4E_HelloID_Users_v2', { skip: 2000, take: 1000, orderBy: 'Medewerker' }),
    );
    assert.equal(url.pathname, '/ProfitRestServices/connectors/T4E_HelloID_Users_v2');
    assert.equal(url.searchParams.get('skip'), '2000');
    assert.equal(url.searchParams.get('take'), '1000');
    assert.equal(url.searchParams.get('orderbyfieldids'), 'Medewerker');
    assert.equal(url.searchParams.has('filterfieldids'), false);
  });

  test('an equality filter is the field/value/operator triplet, URL-encoded', () => {
    const url = new URL(
      getConnectorUrl(base, 'E', {
        skip: 0,
        take: 10,
        orderBy: 'ExternalID',
        filter: { field: 'Medewerker', value: 'A&B 1' },
      }),
    );
    assert.equal(url.searchParams.get('filterfieldids'), 'Medewerker');
    assert.equal(url.searchParams.get('filtervalues'), 'A&B 1');
    assert.equal(url.searchParams.get('operatortypes'), '1');
    assert.ok(url.search.includes('filtervalues=A%26B+1'));
  });

  test('refuses values AFAS would split, and queries AFAS would answer with 404', () => {
    assert.throws(
      () =>
        getConnectorUrl(base, 'E', { skip: 0, take: 1, orderBy: 'X', filter: { field: 'M', value: 'a,b' } }),
      /may not contain/,
    );
    const long = 'x'.repeat(MAX_QUERY_LENGTH);
    assert.throws(
      () =>
        getConnectorUrl(base, 'E', { skip: 0, take: 1, orderBy: 'X', filter: { field: 'M', value: long } }),
      /exceeds/,
    );
  });
});
