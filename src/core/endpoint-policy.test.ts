/** Where a stored secret may be sent: the endpoint rules every secret-holding setting shares. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  endpointProblem,
  lowerCaseSchemeAndHost,
  PRODUCTION_ENDPOINTS,
  schemePattern,
} from './endpoint-policy.ts';

test('a port outside 1–65535 is named as such, not accepted (0) nor called "not a URL" (99999)', () => {
  for (const port of ['0', '00', '65536', '99999']) {
    assert.equal(
      endpointProblem('directory', `ldaps://dc1.contoso.local:${port}`, PRODUCTION_ENDPOINTS),
      `port ${port} does not exist: a port is 1 to 65535 (leave it out for the usual one: 636 for ldaps://, 389 for ldap://)`,
    );
  }
  assert.match(
    endpointProblem('webhook', 'https://hooks.example.nl:0/hrsync', PRODUCTION_ENDPOINTS) ?? '',
    /^port 0 does not exist: a port is 1 to 65535 \(leave it out for the usual one\)$/,
  );
  for (const url of [
    'ldaps://dc1.contoso.local:636',
    'ldap://dc1.contoso.local:389',
    'ldaps://[2001:db8::1]:65535',
  ]) {
    assert.equal(endpointProblem('directory', url, PRODUCTION_ENDPOINTS), null, url);
  }
  assert.equal(endpointProblem('smtp', 'smtp://mail.example.nl:1', PRODUCTION_ENDPOINTS), null);
});

test('schemes match in any case (RFC 3986 §3.1) and are stored with scheme and host in lower case', () => {
  const ldap = new RegExp(`${schemePattern('ldaps', 'ldap')}[^/\\s]+/?$`);
  for (const url of ['ldaps://dc1', 'LDAPS://dc1:636', 'Ldap://dc1']) assert.ok(ldap.test(url), url);
  for (const url of ['ldapi://dc1', 'https://dc1', 'ldaps:dc1']) assert.ok(!ldap.test(url), url);
  assert.equal(lowerCaseSchemeAndHost('LDAPS://DC1.Corp.Example:636'), 'ldaps://dc1.corp.example:636');
  assert.equal(
    lowerCaseSchemeAndHost('HTTPS://Graph.Emulator.Test/Path/V1'),
    'https://graph.emulator.test/Path/V1',
  );
  assert.equal(endpointProblem('directory', 'LDAPS://dc1.contoso.local:636', PRODUCTION_ENDPOINTS), null);
  assert.match(endpointProblem('directory', 'LDAPS://127.0.0.1', PRODUCTION_ENDPOINTS) ?? '', /this machine/);
});
