/** Where an address may break in a narrow column (web/src/ui/address-breaks.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBreaks, technicalNames, urlBreaks } from '../../web/src/ui/address-breaks.ts';

test('an address breaks before "@" and before each point of its domain, the name before "@" whole', () => {
  assert.deepEqual(addressBreaks('New account cisca.muller@contoso.nl, created enabled'), [
    'New account cisca.muller',
    '@contoso',
    '.nl, created enabled',
  ]);
  assert.deepEqual(addressBreaks('2 accounts: adm-ijke.devries@sub.contoso.nl (Ijke); ijke@contoso.nl.'), [
    '2 accounts: adm-ijke.devries',
    '@sub',
    '.contoso',
    '.nl (Ijke); ijke',
    '@contoso',
    '.nl.',
  ]);
});

test('text without an address is one piece; joined, the pieces are the text', () => {
  assert.deepEqual(addressBreaks('Manager set to Lars Dekker (100007)'), [
    'Manager set to Lars Dekker (100007)',
  ]);
  assert.deepEqual(addressBreaks('@ alone'), ['@ alone']);
  const text = 'Found anna.jansen@contoso.nl by employee ID 100051 — linked to a@b.c';
  assert.equal(addressBreaks(text).join(''), text);
});

test('technical names are told apart from the text around them, each as its words', () => {
  assert.deepEqual(
    technicalNames('Employee leave date · employeeLeaveDateTime, Account enabled · accountEnabled'),
    [
      'Employee leave date · ',
      ['employee', 'Leave', 'Date', 'Time,'],
      ' Account enabled · ',
      ['account', 'Enabled'],
    ],
  );
  // Names that start with a capital, hyphenated names and all-capitals are text; an address is left to addressBreaks.
  assert.deepEqual(technicalNames('McDonald-Oppenheimer NL iPhone'), [
    'McDonald-Oppenheimer NL ',
    ['i', 'Phone'],
  ]);
  assert.deepEqual(technicalNames('mailNickname@contoso.nl'), ['mailNickname@contoso.nl']);
  for (const t of ['Employee leave date · employeeLeaveDateTime', 'givenName', 'a', '', 'x givenName y']) {
    const joined = technicalNames(t)
      .map((p) => (typeof p === 'string' ? p : p.join('')))
      .join('');
    assert.equal(joined, t);
  }
});

test('a word longer than an address can be is left whole, and read in one pass', () => {
  // A pattern that looked back from each "." to an "@" made this half a second at 32,000 characters,
  // minutes at a million; a value from AFAS can be that long.
  const long = `x@${'a.'.repeat(500_000)}nl`;
  assert.deepEqual(addressBreaks(long), [long]);
  const noDomain = `${'a'.repeat(1_000_000)}@`;
  assert.deepEqual(addressBreaks(noDomain), [noDomain]);
  const longest = `${'a'.repeat(300)}@contoso.nl`;
  assert.deepEqual(addressBreaks(`to ${longest} now`), [`to ${'a'.repeat(300)}`, '@contoso', '.nl now']);
});

test('a URL breaks after each "/" of its path, its scheme and host whole', () => {
  assert.deepEqual(urlBreaks('https://hrsync.contoso.nl/api/v1/session/microsoft/callback'), [
    'https://hrsync.contoso.nl/',
    'api/',
    'v1/',
    'session/',
    'microsoft/',
    'callback',
  ]);
  assert.deepEqual(urlBreaks('https://hrsync.contoso.nl'), ['https://hrsync.contoso.nl']);
  assert.deepEqual(urlBreaks('http://127.0.0.1:8097/a/'), ['http://127.0.0.1:8097/', 'a/']);
});
