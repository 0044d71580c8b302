import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Agent, fetch as undiciFetch } from 'undici';
import { startAfasEmulator } from './start.ts';
import { fixtureDataset, TOKEN_DATA, USERS } from './test-fixture.ts';

describe('startAfasEmulator', () => {
  test('serves HTTP and HTTPS from one state, with a CA clients can trust', async () => {
    const afas = await startAfasEmulator({
      dataset: fixtureDataset(),
      token: TOKEN_DATA,
      port: 0,
      httpsPort: 0,
    });
    const agent = new Agent({ connect: { ca: afas.caCertPem ?? assert.fail('no CA') } });
    try {
      assert.match(afas.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/ProfitRestServices$/);
      assert.match(afas.httpBaseUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/ProfitRestServices$/);
      assert.equal(afas.httpsBaseUrl, afas.baseUrl);
      const headers = { authorization: afas.token.header };
      const secure = await undiciFetch(`${afas.baseUrl}/connectors/${USERS}?take=1`, {
        headers,
        dispatcher: agent,
      });
      assert.equal(secure.status, 200);
      const plain = await fetch(`${afas.httpBaseUrl}/connectors/${USERS}?take=1`, { headers });
      assert.equal(plain.status, 200);
      assert.equal(afas.state.requests.count({ status: 200 }), 2, 'both listeners share one request log');
    } finally {
      await agent.close();
      await afas.close();
    }
  });

  test('never changes the dataset it is given', async () => {
    const dataset = fixtureDataset();
    const before = JSON.stringify(dataset);
    const afas = await startAfasEmulator({ dataset, token: TOKEN_DATA });
    try {
      const response = await fetch(`${afas.baseUrl}/connectors/KnUser`, {
        method: 'PUT',
        headers: { authorization: afas.token.header },
        body: JSON.stringify({ KnUser: { Element: { '@UsId': '12345.1001', Fields: { MtCd: 2 } } } }),
      });
      assert.equal(response.status, 201);
      assert.equal(JSON.stringify(dataset), before);
    } finally {
      await afas.close();
    }
  });
});
