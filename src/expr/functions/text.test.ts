// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is .NET regex substitution syntax under test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failure, run, value } from '../test-helpers.ts';

type Case = readonly [expression: string, attributes: Record<string, string | null>, expected: unknown];

function table(name: string, cases: readonly Case[]) {
  test(name, () => {
    for (const [expression, attributes, expected] of cases) {
      assert.deepEqual(
        value(expression, attributes),
        expected,
        `${expression} with ${JSON.stringify(attributes)}`,
      );
    }
  });
}

table('Append: null parts count as empty; both null stays null', [
  ['Append([a], "x")', { a: null }, 'x'],
  ['Append([a], [b])', { a: 'x' }, 'x'],
  ['Append([a], [b])', {}, null],
  ['Append(1000, 1)', {}, '10001'],
]);

table('Left: counts, negatives, short strings and null', [
  ['Left("John Doe", 0)', {}, ''],
  ['Left("John Doe", -1)', {}, 'John Doe'],
  ['Left("Jo", 5)', {}, 'Jo'],
  ['Left([a], 2)', {}, ''],
  ['Left("John", "2")', {}, 'Jo'],
]);

table('Mid: 1-based substrings that stop at the end', [
  ['Mid("Jansen", 2, 3)', {}, 'ans'],
  ['Mid("Jansen", 4, 10)', {}, 'sen'],
  ['Mid("Jansen", 9, 2)', {}, ''],
  ['Mid("Jansen", 1, 0)', {}, ''],
  ['Mid([a], 1, 1)', {}, ''],
]);

table('Word: delimiter runs count once; out-of-range words are empty', [
  ['Word("a  b", 2, " ")', {}, 'b'],
  ['Word(",a,,b,", 1, ",")', {}, 'a'],
  ['Word("a b", 3, " ")', {}, ''],
  ['Word("a b", 0, " ")', {}, ''],
  ['Word([a], 1, " ")', {}, ''],
  ['Word("whole", 1, "")', {}, 'whole'],
]);

table('InStr: positions, compare modes, start and null', [
  ['InStr("repEated", "e", 3, vbTextCompare)', {}, 4],
  ['InStr("repEated", "e", 3, "vbTextCompare")', {}, 4],
  ['InStr("repEated", "e", 3, 1)', {}, 4],
  ['InStr("repEated", "E")', {}, 4],
  ['InStr("abc", "x")', {}, 0],
  ['InStr("abc", "c", 4)', {}, 0],
  ['InStr("abc", "", 2)', {}, 2],
  ['InStr([a], "x")', {}, 0],
]);

table('StripSpaces: only the space character', [
  ['StripSpaces(" van  der ")', {}, 'vander'],
  ['StripSpaces("a\tb")', {}, 'a\tb'],
  ['StripSpaces([a])', {}, null],
]);

table('ToLower / ToUpper: invariant by default, culture rules when given, simple case mapping', [
  ['ToUpper("istanbul", "tr-TR")', {}, 'İSTANBUL'],
  ['ToUpper("istanbul")', {}, 'ISTANBUL'],
  ['ToLower("ISTANBUL", "tr-TR")', {}, 'ıstanbul'],
  ['ToLower("IJSSEL", "nl-NL")', {}, 'ijssel'],
  ['ToUpper("straße")', {}, 'STRAßE'],
  ['ToLower("ÉLODIE")', {}, 'élodie'],
  ['ToLower([a])', {}, null],
  ['ToLower("X", "")', {}, 'x'],
]);

table('PCase: .NET title-case words without separators; only the given separators otherwise', [
  ['PCase("o\'NEILL")', {}, "O'neill"],
  ['PCase("jan-willem VAN DER berg")', {}, 'Jan-Willem Van Der Berg'],
  ['PCase("jan-willem", " ")', {}, 'Jan-willem'],
  ['PCase("3RD STREET")', {}, '3Rd Street'],
  ['PCase("ÉLODIE ÇELIK")', {}, 'Élodie Çelik'],
  ['PCase("a.b", "")', {}, 'A.b'],
  ['PCase([a])', {}, null],
]);

table('NormalizeDiacritics: accents, ligatures and letters without decomposition', [
  ['NormalizeDiacritics("Ærøskøbing")', {}, 'AEroeskoebing'],
  ['NormalizeDiacritics("Çelik Öztürk")', {}, 'Celik Ozturk'],
  ['NormalizeDiacritics("Łukasz Dvořák")', {}, 'Lukasz Dvorak'],
  ['NormalizeDiacritics("Straße")', {}, 'Strasse'],
  ['NormalizeDiacritics("ĳsbrand Œuvre")', {}, 'ijsbrand Œuvre'],
  ['NormalizeDiacritics("Ömer Yılmaz")', {}, 'Omer Yilmaz'],
  ['NormalizeDiacritics("đ þ Влад")', {}, 'đ þ Влад'],
  ['NormalizeDiacritics("Ǣ ǡ ḹ ø̄")', {}, 'AE a l oe'],
  ['NormalizeDiacritics("plain ascii")', {}, 'plain ascii'],
  ['NormalizeDiacritics([a])', {}, null],
]);

table('Join: skips null and empty, flattens multi-valued, prints numbers and booleans', [
  ['Join("-", [a], "", [b], 1.5, true)', { a: 'x', b: null }, 'x-1.5-True'],
  ['Join(".", [a], [b])', {}, ''],
]);

test('Join: every value of a multi-valued source', () => {
  assert.equal(value('Join("; ", [phones], "x")', { phones: ['1', '', '2'] }), '1; 2; x');
});

table('ConvertToBase64 / ConvertToUTF8Hex: non-ASCII and null', [
  ['ConvertToBase64("Zoë")', {}, 'WgBvAOsA'],
  ['ConvertToUTF8Hex("€")', {}, 'E282AC'],
  ['ConvertToBase64([a])', {}, null],
  ['ConvertToUTF8Hex([a])', {}, null],
]);

table('Replace: plain text, template and regular expressions', [
  ['Replace("a.b.c", ".", , , "-", , )', {}, 'a-b-c'],
  ['Replace("abc", "", , , "-", , )', {}, 'abc'],
  ['Replace([a], "x", , , "-", , )', {}, null],
  ['Replace([a], "<u>", , , , , "<u>@x.nl")', {}, null],
  ['Replace("ABC", , "b", , "x", , )', {}, 'ABC'],
  ['Replace("ABC", , "(?i)b", , "x", , )', {}, 'AxC'],
  // .NET numbers unnamed groups before named ones: $1 is (y), $2 is the named group.
  ['Replace("xy", , "(?<a>x)(y)", , "$2$1", , )', {}, 'xy'],
  ['Replace("xy", , "(?<a>x)(y)", , "$1${a}", , )', {}, 'yx'],
  ['Replace("ab", , "b", , "[$&][$$][$`][$\'][$_]", , )', {}, 'a[b][$][a][][ab]'],
  ['Replace("ab", , "b", , "$9 ${nope}", , )', {}, 'a$9 ${nope}'],
  ['Replace("x1y22", , "(?\'n\'\\\\d+)", "n", "#", , )', {}, 'x#y#'],
  ['Replace("2024-01-02", , "(\\\\d+)-(\\\\d+)-(\\\\d+)", , "$3/$2/$1", , )', {}, '02/01/2024'],
  ['Replace("abc", , "\\\\Aa", , "", , )', {}, 'bc'],
  ['Replace("", , "(?<d>\\\\d+)", "d", , [b], )', { b: 'no digits' }, null],
  ['Replace([a], , "(?<d>\\\\d+)", "d", , [b], )', { b: 'tel 0612' }, '0612'],
]);

test('Replace: bad patterns and groups fail at the pattern argument', () => {
  const bad = run('Replace([a], , [p], , "x", , )', { a: 'abc', p: '(' });
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /^Replace: regexPattern is not a valid regular expression/);
  assert.equal(bad.error.position, 15);
  assert.equal(
    failure('Replace("abc", , "(?<a>b)", "nope", "x", , )'),
    'Replace: regexGroupName "nope" is not a group of the pattern',
  );
});

test('text functions refuse non-numbers where a count is expected, naming the parameter', () => {
  const result = run('Left([a], [n])', { a: 'abc', n: 'two' });
  assert.ok(!result.ok);
  assert.equal(result.error.message, 'Left: NumChars must be a number, got "two"');
  assert.equal(result.error.position, 10);
  assert.equal(failure('Left("abc", 1.5)'), 'Left: NumChars must be a whole number, got 1.5');
  assert.equal(failure('Mid("abc", 0, 1)'), 'Mid: start must be 1 or more, got 0');
  assert.equal(
    failure('ToLower("A", [c])', { c: 'xx_not!' }),
    'ToLower: culture "xx_not!" is not a culture name such as nl-NL',
  );
  assert.equal(
    failure('InStr("a", "b", 1, [m])', { m: 'sideways' }),
    'InStr: compareType must be vbBinaryCompare or vbTextCompare',
  );
});
