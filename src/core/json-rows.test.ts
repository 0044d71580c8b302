import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBlank, parseJsonRows } from './json-rows.ts';

const same = (text: string, key = 'rows', skipBom = false) => {
  const bytes = Buffer.from(text);
  const whole = JSON.parse(skipBom ? text.replace(/^\uFEFF/, '') : text);
  assert.deepEqual(parseJsonRows(bytes, key, skipBom), whole);
  // Key order too (deepEqual does not compare it).
  assert.equal(JSON.stringify(parseJsonRows(bytes, key, skipBom)), JSON.stringify(whole));
};

describe('parseJsonRows', () => {
  it('parses a page row by row to the value JSON.parse gives', () => {
    same('{"skip":0,"take":2,"rows":[{"a":"x","b":1},{"a":"y \\"}], \\\\","b":null,"c":[1,{"d":"]"}]}]}');
    same(' \n{ "rows" : [ {"a":"é"} , {"a":"\\u00e9"} ] , "next" : "z" } ');
    same('{"value":[{"id":"1"}],"@odata.nextLink":"https://x/?a=1"}', 'value');
    same('{"rows":[]}');
    same('{"rows":[1, -2.5e3, true, null, "s", [], {}]}');
    same('{"other":{"rows":[{"a":1}]},"rows":[{"a":2}]}');
    same('\uFEFF{"rows":[{"a":1}]}', 'rows', true);
  });

  it('parses a page of many kilobytes in runs of rows to the value JSON.parse gives', () => {
    const row = (i: number) => ({
      Medewerker: String(100000 + i),
      Naam: `Naam ${i}`,
      Leeg: null,
      Getal: i / 7,
    });
    same(JSON.stringify({ skip: 0, take: 2000, rows: Array.from({ length: 2000 }, (_, i) => row(i)) }));
    same(
      JSON.stringify({
        '@odata.context': 'x',
        value: Array.from({ length: 2000 }, (_, i) => row(i)),
        '@odata.deltaLink': 'https://x/?t=},{',
      }),
      'value',
    );
  });

  it('reads a page row by row when `},{` is inside a string or a nested array, wherever a run would end', () => {
    // Every row holds the run separator in a value and in an array of objects: wherever a run of rows
    // is cut, it is cut inside a row, and the page must still come out as JSON.parse reads it.
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i),
      note: i % 2 === 0 ? 'a},{"b' : 'c},{',
      licences: [{ sku: `s${i}` }, { sku: 't' }],
      tail: '}, {',
    }));
    same(JSON.stringify({ rows }));
    same(JSON.stringify({ value: rows.map(({ id, note }) => ({ id, note })) }), 'value');
  });

  it('gives what JSON.parse gives when the array is not there or not an array', () => {
    same('{"skip":0}');
    same('{"rows":{"a":1}}');
    same('[{"rows":[1]}]');
    same('"text"');
    same('{"rows":[{"a":1}],"rows":[{"a":2}]}');
  });

  it('throws as JSON.parse throws for a malformed page', () => {
    for (const text of [
      '{"rows":[{"a":1},{"a":2}',
      '{"rows":[{"a":1}]',
      '{"rows":[{"a":}]}',
      '{"rows":[{"a":1}]}x',
      '',
    ]) {
      let expected: unknown;
      try {
        JSON.parse(text);
      } catch (error) {
        expected = error;
      }
      assert.throws(() => parseJsonRows(Buffer.from(text), 'rows'), {
        name: 'SyntaxError',
        message: (expected as Error).message,
      });
    }
  });
});

describe('isBlank', () => {
  it('is whether the text trims to nothing', () => {
    for (const text of ['', ' \n\t', '\uFEFF', ' \u00a0 ', '{}', ' x', '\uFEFF{}', 'é'])
      assert.equal(isBlank(Buffer.from(text)), text.trim() === '', JSON.stringify(text));
  });
});
