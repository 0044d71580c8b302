/** Where a stored secret may be sent: the endpoint rules every secret-holding setting shares. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedByPolicy,
  type EndpointKind,
  endpointProblem,
  isLocalAddress,
  localAddressKind,
  lowerCaseSchemeAndHost,
  PRODUCTION_ENDPOINTS,
  resolvedLocalProblem,
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

test('this machine written another way is still this machine: a trailing dot, or 127.0.0.1 as one number, in hex or octal, in smtp:// and ldaps:// URLs too', () => {
  const cases: [EndpointKind, string, string][] = [
    ['webhook', 'https://localhost./hook', 'localhost.'],
    ['webhook', 'https://a.localhost./hook', 'a.localhost.'],
    ['smtp', 'smtp://localhost.:25', 'localhost.'],
    ['directory', 'ldaps://localhost.:636', 'localhost.'],
    ['smtp', 'smtp://2130706433:25', '2130706433 (127.0.0.1)'],
    ['directory', 'ldaps://0x7f000001', '0x7f000001 (127.0.0.1)'],
    ['directory', 'ldap://017700000001', '017700000001 (127.0.0.1)'],
    ['smtp', 'smtp://0xa9.0xfe.0xa9.0xfe', '0xa9.0xfe.0xa9.0xfe (169.254.169.254)'],
  ];
  for (const [kind, url, shown] of cases) {
    const problem = endpointProblem(kind, url, PRODUCTION_ENDPOINTS);
    assert.ok(problem?.startsWith(`${shown} is this machine or a link-local address`), `${url}: ${problem}`);
  }
  // A customer's own hosts, fully qualified or on a private network, stay allowed.
  for (const [kind, url] of [
    ['webhook', 'https://hooks.example.com./x'],
    ['smtp', 'smtp://mail.contoso.com.:587'],
    ['directory', 'ldaps://10.0.0.5'],
    ['directory', 'ldaps://dc1.contoso.local'],
  ] as const)
    assert.equal(endpointProblem(kind, url, PRODUCTION_ENDPOINTS), null, url);
});

test('an address a name resolved to is judged by the same rule: loopback, unspecified and link-local, in every form a resolver writes', () => {
  const local: [string, string][] = [
    ['127.0.0.1', 'this machine'],
    ['127.255.0.9', 'this machine'],
    ['0.0.0.0', 'this machine'],
    ['::1', 'this machine'],
    ['0:0:0:0:0:0:0:1', 'this machine'],
    ['::', 'this machine'],
    ['::ffff:127.0.0.1', 'this machine'],
    ['::ffff:7f00:1', 'this machine'],
    ['169.254.169.254', 'a link-local address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['FEBF::1', 'a link-local address'],
  ];
  for (const [address, kind] of local) {
    assert.equal(isLocalAddress(address), true, address);
    assert.equal(localAddressKind(address), kind, address);
  }
  for (const address of [
    '10.0.0.5',
    '192.168.1.10',
    '8.8.8.8',
    '2001:db8::1',
    'fec0::1',
    '::ffff:10.0.0.5',
  ]) {
    assert.equal(isLocalAddress(address), false, address);
    assert.equal(localAddressKind(address), null, address);
  }
});

test('a name that resolves to this machine is refused in words naming the name, the address and why', () => {
  assert.equal(
    resolvedLocalProblem('webhook', 'hooks.example.com', ['127.0.0.1']),
    'hooks.example.com resolves to 127.0.0.1, this machine, which may not be a webhook; other hosts (an emulator, a test server) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS',
  );
  assert.equal(
    resolvedLocalProblem('directory', 'dc1.contoso.com', ['127.0.0.1', '::1']),
    'dc1.contoso.com resolves to 127.0.0.1 and ::1, this machine, which may not be a directory; other hosts (an emulator, a test server) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS',
  );
  assert.match(
    resolvedLocalProblem('smtp', 'mail.example.com', ['127.0.0.1', '169.254.169.254']),
    /^mail\.example\.com resolves to 127\.0\.0\.1 \(this machine\) and 169\.254\.169\.254 \(a link-local address\), which may not be a mail server; /,
  );
});

test('hosts the policy allows (HRSYNC_ALLOWED_ENDPOINT_HOSTS) by name, name and port, or *', () => {
  const policy = { allowedHosts: ['emulator.test', 'dc.test:1636'] };
  assert.equal(allowedByPolicy(policy, 'https://emulator.test/hook'), true);
  assert.equal(allowedByPolicy(policy, 'https://EMULATOR.test:8443/hook'), true);
  assert.equal(allowedByPolicy(policy, 'ldaps://dc.test:1636'), true);
  assert.equal(allowedByPolicy(policy, 'ldaps://dc.test:636'), false);
  assert.equal(allowedByPolicy(policy, 'smtp://other.test:25'), false);
  assert.equal(allowedByPolicy({ allowedHosts: ['*'] }, 'smtp://other.test:25'), true);
  assert.equal(allowedByPolicy(PRODUCTION_ENDPOINTS, 'smtp://other.test:25'), false);
});
