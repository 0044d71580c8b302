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

test("Dutch prefixes with apostrophes: d' joins the name, 't and 's keep their space", () => {
  const cases: [string, string, string][] = [
    ["d'", 'Hondt', "Jan d'Hondt"],
    ['d’', 'Hondt', "Jan d'Hondt"],
    ["'t", 'Hart', "Jan 't Hart"],
    ["'s", 'Gravesande', "Jan 's Gravesande"],
    ['van', "d'Hondt", "Jan van d'Hondt"],
  ];
  for (const [prefix, name, expected] of cases)
    assert.equal(
      value(display, { Roepnaam: 'Jan', Code: 'B', Voorvoegsel: prefix, Geboortenaam: name }),
      expected,
    );
  assert.equal(
    value(surname, {
      Code: 'BP',
      Voorvoegsel: "d'",
      Geboortenaam: 'Hondt',
      Voorvoegsel_partner: "'t",
      Geboortenaam_partner: 'Hart',
    }),
    "d'Hondt - 't Hart",
  );
});

test('Transliterate: every script to ASCII, Dutch ĳ kept as ij', () => {
  const cases: [string, string][] = [
    ['Ömer Yılmaz', 'Omer Yilmaz'],
    ['Straße', 'Strasse'],
    ['Ærøskøbing', 'Aeroskobing'],
    ['Łukasz Đorđević', 'Lukasz Dordevic'],
    ['Þór', 'Thor'],
    ['Ĳsbrand ĳzer', 'IJsbrand ijzer'],
    ['Владимир', 'Vladimir'],
    ['Αλέξανδρος', 'Alexandros'],
    ['’t Hart', "'t Hart"],
  ];
  for (const [input, expected] of cases)
    assert.equal(value('Transliterate([a])', { a: input }), expected, input);
  assert.equal(value('Transliterate([a])', {}), null);
});
