import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeRdnValue, isWithin, normaliseDn, rdnValue, splitDn, unescapeRdnValue, userDn } from './dn.ts';
import { fileTimeToIso, generalizedTimeToIso, isoToFileTime } from './file-time.ts';
import { guidDn, guidToBytes, guidToString } from './guid.ts';
import { initialPassword, unicodePwd } from './initial-password.ts';
import { classifyLdapError } from './ldap-errors.ts';
import { withEnabled } from './uac.ts';

test('objectGUID: bytes ↔ text reverses the first three groups and leaves the buffer alone', () => {
  const bytes = Buffer.from('2e35a7cac173af44a830112233445566', 'hex');
  const copy = Buffer.from(bytes);
  const text = guidToString(bytes);
  assert.equal(text, 'caa7352e-73c1-44af-a830-112233445566');
  assert.deepEqual(bytes, copy, 'the source buffer is not reversed in place');
  assert.deepEqual(guidToBytes(text), bytes);
  assert.equal(guidDn('CAA7352E-73C1-44AF-A830-112233445566'), '<GUID=caa7352e-73c1-44af-a830-112233445566>');
  assert.throws(() => guidToBytes('not-a-guid'));
});

test('cn escaping follows RFC 4514 (commas, plus, quotes, a leading # or space, a trailing space)', () => {
  const cases: [string, string][] = [
    ['Jan Jansen', 'Jan Jansen'],
    ['de Vries, Jan', 'de Vries\\, Jan'],
    ['Jan+Piet "JP" <x>; y', 'Jan+Piet "JP" <x>; y'.replace(/[+"<>;]/g, (c) => `\\${c}`)],
    ['#1 é', '\\#1 é'],
    [' lead', '\\ lead'],
    ['trail ', 'trail\\ '],
    ['a=b\\c', 'a\\=b\\\\c'],
    ['mid # hash', 'mid # hash'],
  ];
  for (const [value, escaped] of cases) {
    assert.equal(escapeRdnValue(value), escaped, value);
    assert.equal(unescapeRdnValue(escaped), value, `round trip of ${value}`);
  }
  // The server answers with hex escapes for some characters (`;` as \3B, é as \C3\A9).
  assert.equal(unescapeRdnValue('a\\3B b \\C3\\A9'), 'a; b é');
});

test('DNs split at the first unescaped comma and compare case- and escape-insensitively', () => {
  const dn = userDn('de Vries, Jan', 'OU=Sales,DC=hrsync,DC=test');
  assert.equal(dn, 'CN=de Vries\\, Jan,OU=Sales,DC=hrsync,DC=test');
  assert.deepEqual(splitDn(dn), { rdn: 'CN=de Vries\\, Jan', parent: 'OU=Sales,DC=hrsync,DC=test' });
  assert.equal(rdnValue(dn), 'de Vries, Jan');
  assert.equal(
    normaliseDn('CN=a\\3Bb, OU=X,dc=hrsync,DC=Test'),
    normaliseDn('cn=A\\;B,ou=x,DC=hrsync,DC=test'),
  );
});

test('accountExpires: the end of a last working day in Amsterdam, and "never" both ways', () => {
  assert.equal(isoToFileTime('2027-01-31T23:00:00Z'), '134459100000000000');
  assert.equal(fileTimeToIso('134459100000000000'), '2027-01-31T23:00:00Z');
  assert.equal(isoToFileTime(null), '0');
  assert.equal(fileTimeToIso('0'), null);
  assert.equal(fileTimeToIso('9223372036854775807'), null);
  assert.equal(fileTimeToIso(undefined), null);
});

test('userAccountControl: enabling clears ACCOUNTDISABLE and PASSWD_NOTREQD, disabling sets only the first', () => {
  assert.equal(withEnabled(514, true), 512);
  assert.equal(withEnabled(546, true), 512);
  assert.equal(withEnabled(512, false), 514);
  assert.equal(withEnabled(66048, false), 66050);
});

test('initial password: four classes, no part of the names, quoted UTF-16LE on the wire', () => {
  for (let i = 0; i < 200; i++) {
    const pw = initialPassword(['jjansen', 'Jan Jansen']);
    assert.equal(pw.length, 24);
    assert.match(pw, /[A-Z]/);
    assert.match(pw, /[a-z]/);
    assert.match(pw, /[0-9]/);
    assert.match(pw, /[^A-Za-z0-9]/);
    assert.ok(!/jan|jansen/i.test(pw));
  }
  assert.deepEqual(unicodePwd('Ab1!'), Buffer.from('"\0A\0b\x001\0!\0"\0', 'latin1'));
});

test('LDAP results are classified: retryable or not, maybe-done or not, and what to do', () => {
  const err = (code: number, message: string) =>
    Object.assign(new Error(`${message} Code: 0x${code.toString(16)}`), { code });
  const cases: [unknown, string, boolean, boolean, RegExp][] = [
    [
      err(68, '00002071: samldb: samAccountName AJANSEN already in use!'),
      'HRS_TARGET_WRITE_FAILED',
      false,
      false,
      /sAMAccountName is already used/,
    ],
    [
      err(68, '00000524: UpdErr'),
      'HRS_TARGET_WRITE_FAILED',
      false,
      false,
      /object with this name already exists/,
    ],
    [
      err(19, '0000052D: Constraint violation - check_password_restrictions'),
      'HRS_TARGET_WRITE_FAILED',
      false,
      false,
      /password policy/,
    ],
    [
      err(19, '0000202F: … is already in use'),
      'HRS_TARGET_WRITE_FAILED',
      false,
      false,
      /userPrincipalName is already used/,
    ],
    [err(53, 'Unwilling'), 'HRS_TARGET_WRITE_FAILED', false, false, /unwilling/],
    [err(32, 'No such object'), 'HRS_TARGET_WRITE_FAILED', false, false, /container/],
    [err(50, '00002098: insufficient access'), 'HRS_TARGET_WRITE_FAILED', false, false, /permission/],
    [err(51, 'busy'), 'HRS_TARGET_UNAVAILABLE', true, false, /busy/],
    [err(52, 'unavailable'), 'HRS_TARGET_UNAVAILABLE', true, false, /unavailable/],
    [
      err(49, '80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1'),
      'HRS_TARGET_AUTH',
      false,
      false,
      /name or password is wrong/,
    ],
    [
      err(8, 'BindSimple: Transport encryption required.'),
      'HRS_TARGET_AUTH',
      false,
      false,
      /encrypted connection/,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.9:636'), { code: 'ECONNREFUSED' }),
      'HRS_TARGET_UNAVAILABLE',
      true,
      false,
      /cannot be reached \(ECONNREFUSED\); the machine answered but nothing listens on that port: check the port \(636 for ldaps:\/\/, 389 for ldap:\/\/\)/,
    ],
    [
      // Retrying cannot help until the name is fixed (the HTTP clients' list): not retryable.
      Object.assign(new Error('getaddrinfo ENOTFOUND dc1.contoso.local'), { code: 'ENOTFOUND' }),
      'HRS_TARGET_UNREACHABLE',
      false,
      false,
      /cannot be reached \(ENOTFOUND\); its name is not known to DNS: check the host name in the URL/,
    ],
    [
      Object.assign(new Error('connect EHOSTUNREACH 10.0.0.9:636'), { code: 'EHOSTUNREACH' }),
      'HRS_TARGET_UNAVAILABLE',
      true,
      false,
      /cannot be reached \(EHOSTUNREACH\); check the URL, the firewall and that the controller runs/,
    ],
    [
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      'HRS_TARGET_UNAVAILABLE',
      true,
      true,
      /lost/,
    ],
    [
      Object.assign(new Error('Hostname/IP does not match'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      'HRS_TARGET_AUTH',
      false,
      false,
      /TLS server name/,
    ],
  ];
  for (const [error, code, retryable, ambiguous, message] of cases) {
    const f = classifyLdapError(error);
    assert.equal(f.code, code, String(error));
    assert.equal(f.retryable, retryable, String(error));
    assert.equal(f.ambiguous, ambiguous, String(error));
    assert.match(f.message, message);
  }
});

test('whenCreated: GeneralizedTime in UTC becomes an ISO instant; anything else is no date', () => {
  assert.equal(generalizedTimeToIso('20240115083000.0Z'), '2024-01-15T08:30:00Z');
  assert.equal(generalizedTimeToIso('20240115083000Z'), '2024-01-15T08:30:00Z');
  assert.equal(generalizedTimeToIso('20240115083000+0100'), null);
  assert.equal(generalizedTimeToIso(undefined), null);
});

test('isWithin compares RDN by RDN, per RFC 4514 (escapes, case, multi-valued RDNs in any order)', () => {
  assert.equal(isWithin('OU=Staff, DC=hrsync,DC=TEST', 'dc=hrsync,dc=test'), true);
  assert.equal(isWithin('DC=hrsync,DC=test', 'DC=hrsync,DC=test'), true);
  assert.equal(isWithin('OU=a\\2Cb,DC=hrsync,DC=test', 'DC=hrsync,DC=test'), true);
  assert.equal(isWithin('OU=x\\,DC=hrsync,DC=test', 'DC=hrsync,DC=test'), false);
  assert.equal(isWithin('OU=x\\,DC=test', 'DC=test'), false);
  assert.equal(isWithin('OU=Staff,DC=other,DC=test', 'DC=hrsync,DC=test'), false);
  // The attributes of a multi-valued RDN in any order, as RFC 4514 compares them.
  assert.equal(isWithin('OU=Staff,OU=Zorg+L=Utrecht,DC=test', 'l=utrecht+ou=zorg,DC=test'), true);
});
