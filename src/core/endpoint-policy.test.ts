/** Where a stored secret may be sent: the endpoint rules every secret-holding setting shares. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointProblem, PRODUCTION_ENDPOINTS } from './endpoint-policy.ts';

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
