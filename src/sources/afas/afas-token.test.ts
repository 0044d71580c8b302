import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HrsyncError } from '../../core/index.ts';
import { afasAuthorization, afasTokenXml } from './afas-token.ts';

const DATA = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';
const XML = `<token><version>1</version><data>${DATA}</data></token>`;

describe('AfasToken header', () => {
  test('the whole XML is sent base64-encoded', () => {
    const header = afasAuthorization(XML);
    assert.match(header, /^AfasToken [A-Za-z0-9+/=]+$/);
    assert.equal(Buffer.from(header.slice('AfasToken '.length), 'base64').toString('utf8'), XML);
  });

  test('only the data characters are wrapped in the XML AFAS issued', () => {
    assert.equal(afasTokenXml(`  ${DATA}\n`), XML);
    assert.equal(afasAuthorization(DATA), afasAuthorization(XML));
  });

  test('anything else is refused without echoing it', () => {
    assert.throws(
      () => afasTokenXml('not-a-token'),
      (e) =>
        e instanceof HrsyncError && e.code === 'HRS_CONFIG_INVALID' && !e.message.includes('not-a-token'),
    );
    assert.throws(() => afasTokenXml(DATA.slice(1)), HrsyncError);
  });
});
