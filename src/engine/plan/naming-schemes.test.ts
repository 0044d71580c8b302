import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namePartsOf, schemeCandidates } from './naming-schemes.ts';

const take = (it: Iterable<string>, n: number) => {
  const out: string[] = [];
  for (const v of it) {
    out.push(v);
    if (out.length === n) break;
  }
  return out;
};
const janine = namePartsOf({
  Roepnaam: 'Janine',
  Voorletters: 'J.H.C.',
  Voorvoegsel: 'van den',
  Geboortenaam: 'Boele',
});

test('first.last: first name, initials, first letter, then numbers', () => {
  assert.deepEqual(take(schemeCandidates('first.last', janine, 99), 5), [
    'janine.vandenboele',
    'j.h.c.vandenboele',
    'j.vandenboele',
    'janine.vandenboele2',
    'janine.vandenboele3',
  ]);
});

test("growing-first-name (HelloID's): full first name, then growing prefixes, then numbers", () => {
  assert.deepEqual(take(schemeCandidates('growing-first-name', janine, 99), 8), [
    'janine.vandenboele',
    'j.vandenboele',
    'ja.vandenboele',
    'jan.vandenboele',
    'jani.vandenboele',
    'janin.vandenboele',
    'janine.vandenboele2',
    'janine.vandenboele3',
  ]);
});

test('initials.last: initials first, then the first name, then numbers on the initials', () => {
  assert.deepEqual(take(schemeCandidates('initials.last', janine, 99), 3), [
    'j.h.c.vandenboele',
    'janine.vandenboele',
    'j.h.c.vandenboele2',
  ]);
});

test('samaccountname: at most 20 characters, shorter first-name parts, numbers within the 20', () => {
  const long = namePartsOf({ Roepnaam: 'Alexandra', Voorvoegsel: 'van der', Geboortenaam: 'Westhuizen' });
  const all = [...schemeCandidates('samaccountname', long, 12)];
  assert.deepEqual(all.slice(0, 4), [
    'alexandravanderwesth',
    'alexandrvanderwesthu',
    'alexandvanderwesthui',
    'alexanvanderwesthuiz',
  ]);
  assert.ok(all.includes('avanderwesthuizen'));
  assert.equal(all.at(-1), 'alexandravanderwes12');
  assert.ok(
    all.every((c) => c.length <= 20 && /^[a-z0-9]+$/.test(c)),
    all.join(','),
  );
});

test('empty parts are skipped, never collapsed; no surname gives no candidate at all', () => {
  const noInitials = namePartsOf({ Roepnaam: 'Jan', Geboortenaam: 'Jansen' });
  assert.deepEqual(take(schemeCandidates('first.last', noInitials, 99), 3), [
    'jan.jansen',
    'j.jansen',
    'jan.jansen2',
  ]);
  assert.deepEqual(take(schemeCandidates('initials.last', noInitials, 99), 2), ['jan.jansen', 'jan.jansen2']);
  assert.deepEqual([...schemeCandidates('first.last', namePartsOf({ Roepnaam: 'Jan' }), 99)], []);
});

test('names are transliterated: dotless i, ß, Cyrillic, apostrophes', () => {
  const first = (attrs: Record<string, string>) =>
    schemeCandidates('first.last', namePartsOf(attrs), 9).next().value;
  assert.equal(first({ Roepnaam: 'Ömer', Geboortenaam: 'Yılmaz' }), 'omer.yilmaz');
  assert.equal(first({ Roepnaam: 'Jürgen', Geboortenaam: 'Straße' }), 'jurgen.strasse');
  assert.equal(first({ Roepnaam: 'Владимир', Geboortenaam: 'Петров' }), 'vladimir.petrov');
  assert.equal(first({ Roepnaam: 'Jan', Voorvoegsel: "d'", Geboortenaam: 'Hondt' }), 'jan.dhondt');
  assert.equal(first({ Roepnaam: 'Kees', Voorvoegsel: "'t", Geboortenaam: 'Hart' }), 'kees.thart');
});
