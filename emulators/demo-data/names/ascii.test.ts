import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasNonAscii, MAX_LOCAL_PART, toLocalPart } from './ascii.ts';

test('accents go, letters that do not decompose get a spelling, other characters are dropped', () => {
  assert.equal(toLocalPart('Zoë.Çelik'), 'zoe.celik');
  assert.equal(toLocalPart('Mehmet.Yılmaz'), 'mehmet.yilmaz');
  assert.equal(toLocalPart('Jürgen.Weiß'), 'jurgen.weiss');
  assert.equal(toLocalPart("Kees.d'Hondt"), 'kees.dhondt');
  assert.equal(toLocalPart("Piet.in 'tVeld"), 'piet.intveld');
  assert.equal(toLocalPart('IJsbrand.vanIJzendoorn'), 'ijsbrand.vanijzendoorn');
  assert.equal(toLocalPart('Sophie.Lycklama à Nijeholt'), 'sophie.lycklamaanijeholt');
  assert.equal(toLocalPart('Jan-Willem.Bakker'), 'jan-willem.bakker');
});

test('dots collapse and are trimmed; the result is at most 64 characters', () => {
  assert.equal(toLocalPart('J.W..Jansen'), 'j.w.jansen');
  assert.equal(toLocalPart('.Anna.'), 'anna');
  const long = toLocalPart(`${'a'.repeat(63)}.bcd`);
  assert.equal(long.length, 63);
  assert.ok(toLocalPart('x'.repeat(100)).length <= MAX_LOCAL_PART);
});

test('hasNonAscii spots any character outside ASCII', () => {
  assert.equal(hasNonAscii('Jansen'), false);
  assert.equal(hasNonAscii('Noël'), true);
  assert.equal(hasNonAscii('Yılmaz'), true);
});
