import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayNameOf,
  familyForAccount,
  formalNameOf,
  initialsOf,
  type PersonName,
  surnameFor,
} from './compose.ts';

const anna: PersonName = {
  firstNames: 'Johanna Maria',
  callingName: 'Anneke',
  initials: 'J.M.',
  prefix: 'van der',
  birthName: 'Berg',
  partnerPrefix: 'de',
  partnerName: 'Vries',
  nameUse: 0,
};

test('initials come from every official first name, with the Dutch digraphs kept whole', () => {
  assert.equal(initialsOf('Johannes'), 'J.');
  assert.equal(initialsOf('Johannes Wilhelmus Maria'), 'J.W.M.');
  assert.equal(initialsOf('IJsbrand Theodorus'), 'IJ.Th.');
  assert.equal(initialsOf('Christiaan Philippus'), 'Chr.Ph.');
  assert.equal(initialsOf('Jan-Willem'), 'J.W.');
  assert.equal(initialsOf('Émile'), 'É.');
});

test('the surname follows the name-use code: 0 own, 1 partner-own, 2 partner, 3 own-partner', () => {
  assert.equal(surnameFor({ ...anna, nameUse: 0 }), 'van der Berg');
  assert.equal(surnameFor({ ...anna, nameUse: 1 }), 'de Vries - van der Berg');
  assert.equal(surnameFor({ ...anna, nameUse: 2 }), 'de Vries');
  assert.equal(surnameFor({ ...anna, nameUse: 3 }), 'van der Berg - de Vries');
});

test('without a partner name every code falls back to the own name', () => {
  const single = { ...anna, partnerPrefix: null, partnerName: null };
  for (const nameUse of [0, 1, 2, 3] as const)
    assert.equal(surnameFor({ ...single, nameUse }), 'van der Berg');
});

test('display name uses the calling name; the formal name the initials', () => {
  assert.equal(displayNameOf({ ...anna, nameUse: 1 }), 'Anneke de Vries - van der Berg');
  assert.equal(formalNameOf(anna), 'J.M. van der Berg');
  assert.equal(displayNameOf({ ...anna, callingName: 'X'.repeat(300) }).length, 256);
});

test('the account family part glues prefix and own birth name, whatever the code', () => {
  assert.equal(familyForAccount({ ...anna, nameUse: 2 }), 'vanderBerg');
  assert.equal(familyForAccount({ ...anna, prefix: "in 't", birthName: 'Veld' }), "in'tVeld");
});
