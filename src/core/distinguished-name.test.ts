/** RFC 4514 distinguished names as typed for a hybrid tenant: accepted forms, and where a bad one is wrong. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalDn, dnProblem, dnWithin, parseDn } from './distinguished-name.ts';

test('RFC 4514 forms Active Directory accepts are DNs', () => {
  for (const dn of [
    'DC=example,DC=nl',
    'OU=Staff,DC=corp,DC=example',
    'OU=Staff, DC=corp, DC=example',
    'ou = Staff , dc = corp',
    'CN=de Vries\\, Jan\\+Piet \\"JP\\" \\<x\\>\\; \\#1 é\\ ,OU=HR,DC=hrsync,DC=test',
    'CN=de Vries\\2C Jan,OU=HR\\3B Payroll,DC=x',
    'CN=Jos\\C3\\A9,DC=x',
    'CN=\\#1 team,DC=x',
    'CN=a\\\\b,DC=x',
    'CN=a=b,DC=x',
    'CN=Jan+employeeNumber=12,OU=Staff,DC=x',
    '2.5.4.11=Staff,0.9.2342.19200300.100.1.25=nl',
    'CN=#04024869,DC=x',
    'OU=Disabled accounts,DC=corp,DC=example',
  ]) {
    assert.equal(dnProblem(dn), null, dn);
  }
});

test('a bad DN is named with its RDN, the character and how to write it', () => {
  const cases: [string, RegExp][] = [
    ['', /^the value is empty/],
    ['OU=Staff,,DC=x', /^RDN 2, at character 10, is empty: two commas in a row/],
    [',OU=Staff', /^RDN 1, at character 1, is empty/],
    ['OU=Staff,DC=x,', /^RDN 3, at character 15, is empty: the DN ends in a comma/],
    [
      'OU=Sales;Marketing,DC=x',
      /^RDN 1 \("OU=Sales;Marketing"\), at character 9, has ";" in its value: write it as \\;/,
    ],
    ['OU=<Staff>,DC=x', /has "<" in its value: write it as \\</],
    ['CN="de Vries, Jan",DC=x', /has a quoted value: quotes are not accepted/],
    ['OU=a\\xb,DC=x', /^RDN 1 \("OU=a\\xb"\), at character 5, has "\\x", which is no escape/],
    ['OU=a\\', /ends in a lone backslash/],
    ['OU=a\\C3,DC=x', /has the escapes \\C3, which are not UTF-8/],
    ['Staff,DC=x', /^RDN 1 \("Staff"\), at character 6, has no "=": write Staff=value/],
    ['1OU=Staff', /has "1OU" as attribute type/],
    ['O_U=Staff', /starts with "_"|has "_" after the attribute type O/],
    ['2.05.4=x', /has "2.05.4" as attribute type/],
    ['OU=,DC=x', /^RDN 1 \("OU="\), at character 4, has an empty value/],
    ['OU=Staff,DC=x+', /has an empty attribute after "\+"/],
    ['CN=#0402486,DC=x', /BER-encoded hex digits in pairs/],
    ['CN=#team,DC=x', /to start a name with #, escape it: \\#/],
    ['CN=a+cn=b,DC=x', /names the attribute type cn twice/],
    ['OU=Staff\nDC=x', /control character \(U\+000A\).*write it as \\0A/],
    ['=Staff', /starts with "=" where an attribute type/],
  ];
  for (const [dn, expected] of cases) {
    assert.match(dnProblem(dn) ?? 'accepted', expected, JSON.stringify(dn));
  }
});

test('values are unescaped: escapes, hex pairs as UTF-8, spaces around separators dropped', () => {
  const parsed = parseDn('CN=de Vries\\2C Jan\\ , OU = Jos\\C3\\A9 + L=A\\\\B ,DC=x');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.rdns, [
    [{ type: 'CN', value: 'de Vries, Jan ', hex: false }],
    [
      { type: 'OU', value: 'José', hex: false },
      { type: 'L', value: 'A\\B', hex: false },
    ],
    [{ type: 'DC', value: 'x', hex: false }],
  ]);
});

test('DNs compare without regard to case, spacing, escaping or the order within an RDN', () => {
  assert.equal(canonicalDn('OU=Staff,DC=Corp'), canonicalDn('ou=staff, dc=corp'));
  assert.equal(canonicalDn('CN=a\\,b,DC=x'), canonicalDn('cn=A\\2Cb,dc=X'));
  assert.equal(canonicalDn('CN=a\\;b,DC=x'), canonicalDn('CN=a\\3Bb,DC=x'));
  assert.equal(canonicalDn('CN=a+SN=b,DC=x'), canonicalDn('sn=B+cn=A,DC=x'));
  assert.notEqual(canonicalDn('OU=Staff,DC=x'), canonicalDn('OU=Staff2,DC=x'));
  assert.equal(canonicalDn('OU=a;b'), null);
});

test('a DN lies within another RDN by RDN, compared as canonicalDn compares', () => {
  assert.equal(dnWithin('OU=Staff,DC=corp,DC=example', 'dc=CORP, dc=example'), true);
  assert.equal(dnWithin('DC=corp,DC=example', 'DC=corp,DC=example'), true);
  assert.equal(dnWithin('OU=a\\2Cb,DC=x', 'DC=x'), true);
  assert.equal(dnWithin('OU=a\\,DC=x', 'DC=x'), false);
  assert.equal(dnWithin('OU=Staff,DC=other,DC=example', 'DC=corp,DC=example'), false);
  assert.equal(dnWithin('DC=example', 'DC=corp,DC=example'), false);
  assert.equal(dnWithin('OU=a;b', 'DC=x'), null);
});
