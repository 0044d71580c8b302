/** Where an address may break in a narrow column (web/src/ui/address-breaks.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBreaks, wordBreaks } from '../../web/src/ui/address-breaks.ts';

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

test("an attribute's technical name breaks between its words; other words and addresses as before", () => {
  assert.deepEqual(
    wordBreaks('Employee leave date · employeeLeaveDateTime, Account enabled · accountEnabled'),
    ['Employee leave date · employee', 'Leave', 'Date', 'Time, Account enabled · account', 'Enabled'],
  );
  // Names that start with a capital, hyphenated names and all-capitals stay whole; an address breaks as before.
  const text = 'McDonald-Oppenheimer NL SMTP:x@contoso.nl iPhone';
  assert.deepEqual(wordBreaks(text), ['McDonald-Oppenheimer NL SMTP:x', '@contoso', '.nl i', 'Phone']);
  for (const t of [text, 'givenName', 'a', '', 'mailNickname@contoso.nl'])
    assert.equal(wordBreaks(t).join(''), t);
});
