import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AddressBook, legacyLocalPart, obviousLocalPart, personLocalParts } from './addresses.ts';
import type { PersonName } from './names/compose.ts';

const jan: PersonName = {
  firstNames: 'Johannes Wilhelmus',
  callingName: 'Jan',
  initials: 'J.W.',
  prefix: 'van den',
  birthName: 'Berg',
  partnerPrefix: null,
  partnerName: null,
  nameUse: 0,
};

test('a person’s local parts: calling name, initials, first letter; all with prefix + birth name', () => {
  assert.deepEqual(personLocalParts(jan), ['jan.vandenberg', 'j.w.vandenberg', 'j.vandenberg']);
  assert.equal(obviousLocalPart({ ...jan, nameUse: 2, partnerName: 'Bakker' }), 'jan.vandenberg');
  assert.equal(legacyLocalPart(jan), 'jvandenberg');
  assert.deepEqual(personLocalParts({ ...jan, firstNames: 'Jan', initials: 'J.' }), [
    'jan.vandenberg',
    'j.vandenberg',
  ]);
});

test('claim takes the first free candidate, then numbers the first one', () => {
  const book = new AddressBook();
  const names = Array.from({ length: 5 }, (_, i) =>
    book.claim(personLocalParts(jan), 'contoso.nl', `id${i}`),
  );
  assert.deepEqual(names, [
    'jan.vandenberg',
    'j.w.vandenberg',
    'j.vandenberg',
    'jan.vandenberg2',
    'jan.vandenberg3',
  ]);
  assert.equal(book.ownerOf('Jan.VandenBerg@Contoso.nl'), 'id0');
  assert.equal(book.ownerOf('jan.vandenberg3@contoso.nl'), 'id4');
  assert.equal(book.ownerOf('jan.vandenberg4@contoso.nl'), undefined);
});

test('an alias in use blocks the local part on any domain; a held address only on its own', () => {
  const book = new AddressBook();
  book.claim(['info'], 'contoso.onmicrosoft.com', 'a');
  assert.equal(book.isFree('info', 'contoso.nl'), false);
  book.hold('hr@contoso.nl', 'b');
  assert.equal(book.isFree('hr', 'contoso.nl'), false);
  assert.equal(book.isFree('hr', 'contoso.onmicrosoft.com'), true);
  assert.equal(book.claim(['info'], 'contoso.nl', 'c'), 'info2');
});
