import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Fixture, startFixture, TOKEN_DATA, USERS } from './test-fixture.ts';
import { afasToken } from './token.ts';

const XML = `<token><version>1</version><data>${TOKEN_DATA}</data></token>`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('AfasToken authentication', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  after(() => afas.close());

  async function expect401(headers: Record<string, string>, path = `/connectors/${USERS}`): Promise<void> {
    const response = await afas.get(path, headers);
    assert.equal(response.status, 401, JSON.stringify(headers));
    assert.equal(await response.text(), '');
  }

  test('accepts the base64 of the whole XML token, with an IntegrationId or not', async () => {
    assert.equal(afas.token.header, `AfasToken ${base64(XML)}`);
    assert.equal((await afas.get(`/connectors/${USERS}`, { authorization: afas.token.header })).status, 200);
    const withPartner = await afas.get(`/connectors/${USERS}`, {
      authorization: afas.token.header,
      integrationid: '45963_140664',
    });
    assert.equal(withPartner.status, 200);
  });

  test('refuses a missing header, a raw token, a wrong token and other schemes with an empty 401', async () => {
    await expect401({});
    await expect401({ authorization: `AfasToken ${XML}` });
    await expect401({ authorization: `AfasToken ${base64(TOKEN_DATA)}` });
    await expect401({ authorization: `AfasToken ${base64(XML.replace(TOKEN_DATA, 'A'.repeat(64)))}` });
    await expect401({ authorization: `AfasToken ${base64(`${XML}\n`)}` });
    await expect401({ authorization: `Bearer ${base64(XML)}` });
    await expect401({ authorization: base64(XML) });
    await expect401({ authorization: 'AfasToken ' });
  });

  test('every Profit route needs the token', async () => {
    await expect401({}, '/metainfo');
    await expect401({}, `/metainfo/get/${USERS}`);
    await expect401({}, '/ProfitVersion');
    const put = await fetch(`${afas.baseUrl}/connectors/KnUser`, { method: 'PUT', body: '{}' });
    assert.equal(put.status, 401);
    assert.equal(await put.text(), '');
  });
});

describe('afasToken', () => {
  test('takes the whole XML or only the 64 hex characters', () => {
    assert.equal(afasToken(XML).xml, XML);
    assert.equal(afasToken(TOKEN_DATA).xml, XML);
    assert.equal(afasToken(` ${XML}\n`).header, `AfasToken ${base64(XML)}`);
    assert.equal(afasToken(TOKEN_DATA).data, TOKEN_DATA);
  });

  test('generates 64 upper-case hex characters when none is given', () => {
    const [one, two] = [afasToken(), afasToken()];
    assert.match(one.data, /^[0-9A-F]{64}$/);
    assert.notEqual(one.data, two.data);
    assert.equal(one.xml, `<token><version>1</version><data>${one.data}</data></token>`);
  });

  test('rejects anything else', () => {
    for (const bad of [
      'abc',
      'G'.repeat(64),
      `<token><version>2</version><data>${TOKEN_DATA}</data></token>`,
    ]) {
      assert.throws(() => afasToken(bad), /64 hex characters/);
    }
  });
});
