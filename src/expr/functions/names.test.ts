import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrValue } from '../../core/index.ts';
import { value } from '../test-helpers.ts';

test('NameConvention: AFAS Naamgebruik_code 0–3, the letters themselves, anything else is B', () => {
  const cases: [AttrValue, string][] = [
    [0, 'B'],
    ['1', 'PB'],
    [2, 'P'],
    [' 3 ', 'BP'],
    ['bp', 'BP'],
    ['PB', 'PB'],
    ['4', 'B'],
    ['', 'B'],
    [null, 'B'],
    [true, 'B'],
  ];
  for (const [code, expected] of cases)
    assert.equal(value('NameConvention([c])', { c: code }), expected, String(code));
});

// The reference's worked example: Janine, "van den" Boele, partner "de" Vries.
const janine = {
  Roepnaam: 'Janine',
  Voorvoegsel: 'van den',
  Geboortenaam: 'Boele',
  Voorvoegsel_partner: 'de',
  Geboortenaam_partner: 'Vries',
};
const display =
  'DutchDisplayName([Roepnaam], [Code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])';
const surname =
  'DutchSurname([Code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])';

test('DutchDisplayName: the four conventions, by letter and by AFAS code', () => {
  const cases: [AttrValue, string][] = [
    ['B', 'Janine van den Boele'],
    [0, 'Janine van den Boele'],
    ['BP', 'Janine van den Boele - de Vries'],
    [3, 'Janine van den Boele - de Vries'],
    ['P', 'Janine de Vries'],
    ['2', 'Janine de Vries'],
    ['PB', 'Janine de Vries - van den Boele'],
    ['1', 'Janine de Vries - van den Boele'],
    [null, 'Janine van den Boele'],
  ];
  for (const [code, expected] of cases)
    assert.equal(value(display, { ...janine, Code: code }), expected, String(code));
});

test('DutchSurname: empty parts are skipped, spaces collapse, no partner name falls back to B', () => {
  const cases: [Record<string, AttrValue>, string][] = [
    [{ ...janine, Code: 'P', Geboortenaam_partner: '' }, 'van den Boele'],
    [{ ...janine, Code: 'PB', Geboortenaam_partner: null, Voorvoegsel_partner: 'de' }, 'van den Boele'],
    [{ ...janine, Code: 'BP', Voorvoegsel: '', Voorvoegsel_partner: null }, 'Boele - Vries'],
    [{ ...janine, Code: 'B', Voorvoegsel: '  van   den ', Geboortenaam: ' Boele ' }, 'van den Boele'],
    [{ ...janine, Code: 'BP', Geboortenaam: null }, 'de Vries'],
    [{ ...janine, Code: 'B', Voorvoegsel: 'Van', Geboortenaam: 'Dijk' }, 'Van Dijk'],
    [{ Code: 'B' }, ''],
  ];
  for (const [attributes, expected] of cases)
    assert.equal(value(surname, attributes), expected, JSON.stringify(attributes));
});

test('DutchDisplayName: trimmed without a given name; at most 256 characters', () => {
  assert.equal(value(display, { ...janine, Roepnaam: null, Code: 'B' }), 'van den Boele');
  const long = value(display, { ...janine, Code: 'B', Geboortenaam: 'x'.repeat(300) });
  assert.equal(typeof long === 'string' && long.length, 256);
  const emoji = value(display, {
    ...janine,
    Roepnaam: 'J',
    Voorvoegsel: null,
    Code: 'B',
    Geboortenaam: `${'y'.repeat(253)}😀z`,
  });
  assert.equal(emoji, `J ${'y'.repeat(253)}`);
});
