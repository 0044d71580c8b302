import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrValue } from '../../core/index.ts';
import type { EvalContext } from '../context.ts';
import { failure, run, value } from '../test-helpers.ts';

type Case = readonly [expression: string, attributes: Record<string, AttrValue>, expected: AttrValue];
type Context = Partial<Omit<EvalContext, 'attributes'>>;

function table(name: string, cases: readonly Case[], context: Context = {}) {
  test(name, () => {
    for (const [expression, attributes, expected] of cases) {
      assert.deepEqual(
        value(expression, attributes, context),
        expected,
        `${expression} with ${JSON.stringify(attributes)}`,
      );
    }
  });
}

const amsterdam: Context = { timeZone: 'Europe/Amsterdam' };

table('CDate: ISO 8601 and US forms, offsets to UTC, no offset read as UTC', [
  ['CDate("2024-03-01")', {}, '3/1/2024 12:00:00 AM'],
  ['CDate("2024-03-01T08:30:15.250Z")', {}, '3/1/2024 8:30:15 AM'],
  ['CDate("2024-03-01 13:05")', {}, '3/1/2024 1:05:00 PM'],
  ['CDate("2024-07-01T00:30:00+02:00")', {}, '6/30/2024 10:30:00 PM'],
  ['CDate("2024-07-01T00:30:00+0200")', {}, '6/30/2024 10:30:00 PM'],
  ['CDate("12/31/2020")', {}, '12/31/2020 12:00:00 AM'],
  ['CDate("12/31/2020 12:00:00 AM")', {}, '12/31/2020 12:00:00 AM'],
  ['CDate("12/31/2020 12:30:00 PM")', {}, '12/31/2020 12:30:00 PM'],
  ['CDate([d])', {}, null],
  ['CDate([d])', { d: '' }, null],
]);

test('CDate: the timeZone does not change how offset-less text is read (Entra reads it as UTC)', () => {
  assert.equal(value('CDate("2024-03-01")', {}, amsterdam), '3/1/2024 12:00:00 AM');
});

test('CDate: text that is not a date, or a date that does not exist, is an error', () => {
  assert.equal(
    failure('CDate("31-12-2020")'),
    'CDate: expression "31-12-2020" is not a date; use FormatDateTime to read other formats',
  );
  assert.match(failure('CDate("2023-02-29")'), /is not a date/);
  assert.match(failure('CDate("2023-01-01T24:00:00")'), /is not a date/);
});

table('DateAdd: month ends, leap days, quarters, the VB-only intervals and truncation', [
  ['DateAdd("m", 1, "2024-01-31")', {}, '2/29/2024 12:00:00 AM'],
  ['DateAdd("yyyy", 1, "2024-02-29")', {}, '2/28/2025 12:00:00 AM'],
  ['DateAdd("q", -1, "2024-05-31T10:00:00Z")', {}, '2/29/2024 10:00:00 AM'],
  ['DateAdd("y", 1, "2024-12-31")', {}, '1/1/2025 12:00:00 AM'],
  ['DateAdd("w", -1, "2024-03-01")', {}, '2/29/2024 12:00:00 AM'],
  ['DateAdd("D", 1.9, "2024-01-01")', {}, '1/2/2024 12:00:00 AM'],
  ['DateAdd("h", 36, "2024-01-01")', {}, '1/2/2024 12:00:00 PM'],
  ['DateAdd("n", -1, "2024-01-01")', {}, '12/31/2023 11:59:00 PM'],
  ['DateAdd("s", "90", "2024-01-01")', {}, '1/1/2024 12:01:30 AM'],
  ['DateAdd("d", 1, [d])', {}, null],
]);

table('DateDiff: boundaries for yyyy/q/m/ww, whole units elapsed for the rest', [
  ['DateDiff("yyyy", "2023-12-31T23:59:59Z", "2024-01-01")', {}, 1],
  ['DateDiff("q", "2024-03-31", "2024-04-01")', {}, 1],
  ['DateDiff("m", "2024-01-31", "2024-02-01")', {}, 1],
  ['DateDiff("d", "2024-01-31T12:00:00Z", "2024-02-01T11:59:59Z")', {}, 0],
  ['DateDiff("w", "2024-01-01", "2024-01-14")', {}, 1],
  ['DateDiff("ww", "2024-01-06", "2024-01-07")', {}, 1],
  ['DateDiff("ww", "2024-01-07", "2024-01-13")', {}, 0],
  ['DateDiff("h", "2024-01-01T10:00:00Z", "2024-01-01T08:30:00Z")', {}, -1],
  ['DateDiff("d", "2024-01-01", [d])', {}, null],
]);

test('DateDiff and DateAdd: an interval from an attribute is checked when evaluated', () => {
  assert.equal(
    failure('DateAdd([i], 1, "2024-01-01")', { i: 'week' }),
    'DateAdd: interval "week" is not one of yyyy, q, m, y, d, w, ww, h, n, s',
  );
});

table('DateFromNum / NumFromDate: Active Directory file times both ways', [
  ['DateFromNum("132539615990000000")', {}, '1/1/2021 7:59:59 AM'],
  ['DateFromNum(0)', {}, '1/1/1601 12:00:00 AM'],
  ['DateFromNum([t])', {}, null],
  ['NumFromDate("2021-01-01T07:59:59Z")', {}, '132539615990000000'],
  ['NumFromDate(DateFromNum("132539615990000000"))', {}, '132539615990000000'],
  ['NumFromDate("1601-01-01")', {}, '0'],
  ['NumFromDate([d])', {}, null],
]);

test('DateFromNum: text that is not a tick count is an error', () => {
  assert.equal(
    failure('DateFromNum("soon")'),
    'DateFromNum: value must be a whole number of ticks, got "soon"',
  );
  assert.equal(failure('DateFromNum("-5")'), 'DateFromNum: value cannot be negative, got -5');
});

test('Now: reads the context clock once per evaluation; Date and ISO string clocks both work', () => {
  let calls = 0;
  const ticking = () => new Date(Date.UTC(2024, 0, 1, 0, 0, calls++));
  assert.equal(
    value('Join("|", Now(), Now())', {}, { now: ticking }),
    '1/1/2024 12:00:00 AM|1/1/2024 12:00:00 AM',
  );
  assert.equal(calls, 1);
  assert.equal(value('Now()', {}, { now: () => '2024-06-30T23:59:59+02:00' }), '6/30/2024 9:59:59 PM');
  assert.equal(
    failure('Now()', {}, { now: () => 'yesterday' }),
    'the clock returned "yesterday", not a time',
  );
});

table('FormatDateTime: .NET custom and standard formats, invariant culture', [
  [
    'FormatDateTime([d], , "d MMMM yyyy", "dddd, MMMM d, yyyy")',
    { d: '5 March 2024' },
    'Tuesday, March 5, 2024',
  ],
  ['FormatDateTime([d], , "dd-MMM-yy", "ddd dd/MM/yyyy")', { d: '05-mar-24' }, 'Tue 05/03/2024'],
  [
    'FormatDateTime([d], , "M/d/yyyy h:mm:ss tt", "yyyy-MM-ddTHH:mm:ss")',
    { d: '3/5/2024 12:05:09 AM' },
    '2024-03-05T00:05:09',
  ],
  ['FormatDateTime([d], , "M/d/yyyy h:mm:ss tt", "h:mm t")', { d: '3/5/2024 1:05:09 PM' }, '1:05 P'],
  ['FormatDateTime([d], , "yy-M-d", "yyyy-MM-dd")', { d: '49-1-2' }, '2049-01-02'],
  ['FormatDateTime([d], , "yy-M-d", "yyyy-MM-dd")', { d: '50-1-2' }, '1950-01-02'],
  ['FormatDateTime([d], , "s", "u")', { d: '2023-02-28T10:11:12' }, '2023-02-28 10:11:12Z'],
  ['FormatDateTime([d], , "yyyy-MM-dd", "d")', { d: '2023-02-28' }, '02/28/2023'],
  ['FormatDateTime([d], , "yyyy-MM-dd", "\'Datum: \'dd\\\\.MM%y")', { d: '2023-02-28' }, 'Datum: 28.0223'],
  ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy-MM-dd")', { d: ' 2023-02-28 ' }, '2023-02-28'],
  [
    'FormatDateTime([d], , "yyyyMMddHHmmss.f\'Z\'", "HH:mm:ss.FFFFFFF")',
    { d: '20150123105347.1Z' },
    '10:53:47.1',
  ],
  ['FormatDateTime([d], , "yyyyMMddHHmmss", "HH:mm:ss.FFF")', { d: '20150123105347' }, '10:53:47'],
  [
    'FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ss.fff", "fffffff|ff")',
    { d: '2023-02-28T10:11:12.345' },
    '3450000|34',
  ],
  ['FormatDateTime([d], , "HH:mm", "yyyy-MM-dd HH:mm")', { d: '08:30' }, '2021-08-25 08:30'],
  [
    'FormatDateTime([d], "NoCurrentDateDefault", "HH:mm", "yyyy-MM-dd HH:mm")',
    { d: '08:30' },
    '0001-01-01 08:30',
  ],
  ['FormatDateTime([d], , "yyyy-MM-dd", "yyyy")', {}, null],
]);

table('FormatDateTime: Kind and DateTimeStyles as .NET applies them, UTC as local', [
  ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ssK", "HH:mm K")', { d: '2024-07-01T10:00:00Z' }, '10:00 Z'],
  [
    'FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ssK", "HH:mm K")',
    { d: '2024-07-01T10:00:00+02:00' },
    '08:00 +00:00',
  ],
  ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ss", "HH:mm K")', { d: '2024-07-01T10:00:00' }, '10:00 '],
  ['FormatDateTime([d], , "yyyy-MM-ddzzz", "yyyy-MM-dd")', { d: '2020-12-31-08:00' }, '2020-12-31'],
]);

table(
  'FormatDateTime: with an Amsterdam timeZone, local means Amsterdam',
  [
    ['FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ssK", "HH:mm K")', { d: '2024-07-01T10:00:00Z' }, '10:00 Z'],
    [
      'FormatDateTime([d], , "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-dd HH:mm zzz")',
      { d: '2024-07-01T10:00:00-05:00' },
      '2024-07-01 17:00 +02:00',
    ],
    [
      'FormatDateTime([d], "AdjustToUniversal", "yyyy-MM-ddTHH:mm:sszzz", "o")',
      { d: '2024-07-01T10:00:00-05:00' },
      '2024-07-01T15:00:00.0000000Z',
    ],
    [
      'FormatDateTime([d], "AssumeUniversal", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm K")',
      { d: '2024-12-31 23:30' },
      '2025-01-01 00:30 +01:00',
    ],
    [
      'FormatDateTime([d], "AssumeLocal, AdjustToUniversal", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm K")',
      { d: '2024-12-31 23:30' },
      '2024-12-31 22:30 Z',
    ],
    [
      'FormatDateTime([d], "DateTimeStyles.AssumeLocal", "yyyy-MM-dd HH:mm", "HH:mm K zz z")',
      { d: '2024-12-31 23:30' },
      '23:30 +01:00 +01 +1',
    ],
    ['FormatDateTime([d], "32", "yyyy-MM-dd HH:mm", "HH:mm K")', { d: '2024-07-31 23:30' }, '23:30 +02:00'],
    // Today's local date from Now(), which is UTC: the Dutch date is already the 26th.
    ['FormatDateTime(Now(), "AssumeUniversal", "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")', {}, '2021-08-25'],
  ],
  amsterdam,
);

test('FormatDateTime: AssumeUniversal turns a UTC evening into the next local day', () => {
  const late = { now: () => '2021-08-25T22:30:00Z', timeZone: 'Europe/Amsterdam' };
  assert.equal(
    value('FormatDateTime(Now(), "AssumeUniversal", "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd")', {}, late),
    '2021-08-26',
  );
});

test('FormatDateTime: mismatches and bad styles say where and why', () => {
  const cases: [string, Record<string, AttrValue>, string][] = [
    [
      'FormatDateTime([d], , "yyyy-MM-dd", "yyyy")',
      { d: '2023/02/28' },
      `FormatDateTime: source does not match "yyyy-MM-dd": expected '-' at position 5 of "2023/02/28"`,
    ],
    [
      'FormatDateTime([d], , "yyyy-MM-dd", "yyyy")',
      { d: '2023-02-29' },
      'FormatDateTime: source does not match "yyyy-MM-dd": day 29 does not exist in February 2023',
    ],
    [
      'FormatDateTime([d], , "yyyy-MM-dd", "yyyy")',
      { d: '2023-02-28x' },
      'FormatDateTime: source does not match "yyyy-MM-dd": unexpected "x" after the format was matched in "2023-02-28x"',
    ],
    [
      'FormatDateTime([d], , "d MMMM yyyy", "yyyy")',
      { d: '5 maart 2024' },
      'FormatDateTime: source does not match "d MMMM yyyy": expected a month at position 3 of "5 maart 2024"',
    ],
    [
      'FormatDateTime([d], [s], "yyyy", "yyyy")',
      { d: '2024', s: 'AssumeLocal,AssumeUniversal' },
      'FormatDateTime: dateTimeStyles AssumeLocal and AssumeUniversal cannot be combined',
    ],
    [
      'FormatDateTime([d], [s], "yyyy", "yyyy")',
      { d: '2024', s: 'RoundtripKind AdjustToUniversal' },
      'FormatDateTime: dateTimeStyles RoundtripKind cannot be combined with AssumeLocal, AssumeUniversal or AdjustToUniversal',
    ],
    [
      'FormatDateTime([d], , [f], "yyyy")',
      { d: '2024', f: 'ffffffff' },
      "FormatDateTime: inputFormat 'ffffffff': at most 7 fraction digits",
    ],
  ];
  for (const [expression, attributes, message] of cases)
    assert.equal(failure(expression, attributes), message, expression);
  const zone = run('FormatDateTime("2024", , "yyyy", "yyyy")', {}, { timeZone: 'Mars/Olympus_Mons' });
  assert.ok(!zone.ok);
  assert.equal(zone.error.message, "time zone 'Mars/Olympus_Mons' is not a known IANA time zone");
});
