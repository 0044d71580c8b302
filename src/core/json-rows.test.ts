import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBlank, parseJsonRows, readFlatRow } from './json-rows.ts';

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

describe('readFlatRow', () => {
  const keys = ['a', 'b', 'c'].map((k) => Buffer.from(k));
  /** a and c are kept (values[0], values[1]); b is only checked. */
  const keptAt = Int32Array.from([0, -1, 1]);
  const read = (text: string) => {
    const values: unknown[] = [undefined, undefined];
    const end = readFlatRow(Buffer.from(text), 0, keys, keptAt, values, (v) => v);
    return { end, values };
  };
  // Values JSON accepts, as they are written; then texts that are not JSON values, or that a flat row
  // declines (nested values).
  const valid = [
    '"x"',
    '""',
    '"é 🙂"',
    '"\\u00e9\\ud83d\\ude00"',
    '"a\\/b\\\\c\\"d"',
    '"tab\\there\\nline"',
    '0',
    '-0',
    '12',
    '-3.25',
    '1e-7',
    '0.5E+3',
    '12345678901234567890',
    '1e400',
    'true',
    'false',
    'null',
  ];
  const invalid = [
    '01',
    '1.',
    '.5',
    '+1',
    '-',
    '1e',
    '"\u0001"',
    '"a\tb"',
    '"\\x"',
    '"\\u12"',
    'tru',
    'nul',
    'NaN',
    'Infinity',
    "'s'",
    '"open',
    '',
  ];
  const nested = ['[1,2]', '{"x":1}', '[]', '{}'];

  it('reads what JSON.parse reads of a flat row, and refuses what it refuses', () => {
    const tokens = [...valid, ...invalid, ...nested];
    const spaces = ['', ' ', '\n\t ', '\r\n'];
    let fromBytes = 0;
    // Every value in every place, the spaces between them varying from row to row.
    const rows: string[] = [];
    for (const a of tokens)
      for (const b of tokens)
        for (const c of tokens) {
          const w = (k: number) => spaces[(rows.length + k) % spaces.length] as string;
          rows.push(`{${w(0)}"a"${w(1)}:${w(2)}${a}${w(3)},${w(1)}"b":${b},"c"${w(2)}:${c}${w(0)}}`);
        }
    for (const text of rows) {
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      const { end, values } = read(text);
      if (parsed === undefined) assert.equal(end, -1, text);
      else if (end >= 0) {
        fromBytes++;
        assert.equal(end, Buffer.byteLength(text), text);
        assert.deepEqual(values, [parsed.a, parsed.c], text);
        assert.ok(Object.is(values[0], parsed.a) && Object.is(values[1], parsed.c), text); // -0 too
      } else
        assert.ok(
          [parsed.a, parsed.b, parsed.c].some((v) => typeof v === 'object' && v !== null),
          text,
        );
    }
    assert.ok(fromBytes > 4000, `${fromBytes} rows read from their bytes`);
  });

  it('declines a row with other keys, another order, a key written with an escape, or more members', () => {
    for (const text of [
      '{"a":1,"c":2,"b":3}',
      '{"a":1,"b":2}',
      '{"a":1,"b":2,"c":3,"d":4}',
      '{"\\u0061":1,"b":2,"c":3}',
      '{"a":1,"b":2,"c":3,}',
      '{"ab":1,"b":2,"c":3}',
      '[1]',
    ])
      assert.equal(read(text).end, -1, text);
    assert.equal(read('{"a":1,"b":2,"c":3} ,').end, '{"a":1,"b":2,"c":3}'.length);
  });
});

describe('isBlank', () => {
  it('is whether the text trims to nothing', () => {
    for (const text of ['', ' \n\t', '\uFEFF', ' \u00a0 ', '{}', ' x', '\uFEFF{}', 'é'])
      assert.equal(isBlank(Buffer.from(text)), text.trim() === '', JSON.stringify(text));
  });
});
