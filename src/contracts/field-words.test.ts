/** Validation details in words: the console's error boxes and the CLI's error lines share them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailLines, detailWords, readableMessage, readablePath, refusalSummary } from './field-words.ts';

test('a path names the field as the form labels it; positions count from 1', () => {
  assert.equal(readablePath('/mapping/3/source'), 'Mapping rule 4 › Source or expression');
  assert.equal(
    readablePath('/thresholds/maxDisableDeleteCount'),
    'Safety thresholds › Most disables + deletes per run',
  );
  assert.equal(readablePath('/scope/filters/0/clauses/1/operator'), 'Scope › Filter 1 › clause 2 › operator');
  assert.equal(readablePath('/somethingNew'), 'somethingNew', 'an unknown field keeps its name');
  assert.equal(readablePath('/'), '');
  // A hybrid tenant's directory settings, as the tenant dialog labels them.
  // The label the form shows for the list; one of its entries by its own name.
  assert.equal(readablePath('/directory/urls'), 'Active Directory › Domain controller URLs');
  assert.equal(readablePath('/directory/urls/1'), 'Active Directory › Domain controller URL 2');
  assert.equal(readablePath('/directory/upnSuffixes/0'), 'Active Directory › UPN suffix 1');
  assert.equal(readablePath('/directory/baseDn'), 'Active Directory › Base DN');
  assert.equal(
    readablePath('/directory/disabledContainer'),
    'Active Directory › Container for disabled accounts',
  );
  // A configuration file's top level: the AFAS side and the destination, not a mapping rule's.
  assert.equal(readablePath('/source/parallel', { topLevel: true }), 'AFAS source › Parallel calls');
  assert.equal(readablePath('/target/clientId', { topLevel: true }), 'Destination › Application (client) ID');
  assert.equal(readablePath('/mapping/0/target', { topLevel: true }), 'Mapping rule 1 › Target attribute');
  // What a saved step reports as changed (the stored configuration's paths).
  assert.equal(readablePath('/source/token', { topLevel: true }), 'AFAS source › App Connector token');
  assert.equal(
    readablePath('/destination/defaultDomain', { topLevel: true }),
    'Destination › Default domain',
  );
});

test("the API's (Ajv) and the configuration check's (TypeBox) phrases read as sentences", () => {
  const cases: [string, string][] = [
    // Ajv's phrases (a service before keyword-words.ts) in the words the API now sends itself.
    ['must be >= 0', 'must be at least 0'],
    ['must NOT have more than 100 characters', 'is longer than the 100 characters it may have'],
    ['must be integer', 'must be a whole number'],
    ["must have required property 'name'", 'is required'],
    ['must match pattern "\\S"', 'must not be blank'],
    // Every pattern of the API has words (pattern-words.ts); one without them is still never shown.
    [
      'must match pattern "^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"',
      'must be a domain name such as contoso.nl: letters, digits, hyphens and dots, ending in a dot and two or more letters',
    ],
    ['must match pattern "^[a-z]+$"', 'is not in the form this field takes'],
    ['must NOT have fewer than 1 characters', 'must not be empty'],
    ['must be equal to one of the allowed values', 'is not one of the choices'],
    ['expected integer to be less or equal to 8 (got 20)', 'must be at most 8 (it is 20)'],
    ['expected required property (missing)', 'is required'],
    ['expected string (missing)', 'is required'],
    ['expected union value (got "bogus")', 'is not an accepted value (it is "bogus")'],
    [
      'expected string to match \'^[0-9]{5,6}$\' (got "1234")',
      'must be the AFAS environment number: 5 or 6 digits, e.g. 12345 (it is "1234")',
    ],
    [
      'expected string to match \'^[A-Za-z0-9.-]+$\' (got "a b")',
      'is not in the form this field takes (it is "a b")',
    ],
    ['expected array length to be greater or equal to 1 (got [])', 'must not be an empty list (it is [])'],
    ['unknown time zone "Mars/Olympus"', 'unknown time zone "Mars/Olympus"'],
  ];
  for (const [raw, words] of cases) assert.equal(readableMessage(raw), words, raw);
});

test('a detail as a line, with the path beside it where asked; a field reported twice reads once', () => {
  const detail = { path: '/mapping/3/source', message: "must have required property 'source'" };
  assert.equal(detailWords(detail), 'Mapping rule 4 › Source or expression: is required');
  assert.equal(
    detailWords(detail, { withPath: true }),
    'Mapping rule 4 › Source or expression: is required (/mapping/3/source)',
  );
  assert.equal(
    detailWords({ path: '/', message: 'must be object' }, { withPath: true }),
    'must be a group of fields',
  );
  assert.deepEqual(
    detailLines(
      [
        { path: '/target/clientId', message: 'expected required property (missing)' },
        { path: '/target/clientId', message: 'expected string (missing)' },
      ],
      { topLevel: true },
    ),
    ['Destination › Application (client) ID: is required'],
  );
});

test("a refused body's summary, which repeats the JSON paths, gives way to the details", () => {
  assert.equal(
    refusalSummary('HRS_VALIDATION', 'The body is invalid: /reason must …', 1),
    'This value was not accepted:',
  );
  assert.equal(
    refusalSummary('HRS_VALIDATION', 'The body is invalid: /a …, /b …', 2),
    'These values were not accepted:',
  );
  assert.equal(refusalSummary('HRS_VALIDATION', 'The body is invalid: …', 0), 'The body is invalid: …');
  // A tenant's directory settings and endpoints, refused after the body's schema accepted them.
  assert.equal(
    refusalSummary('HRS_VALIDATION', 'The directory settings were refused: /directory/urls/0 …', 1),
    'This value was not accepted:',
  );
  assert.equal(
    refusalSummary('HRS_VALIDATION', "The tenant's endpoints were refused: /graphBaseUrl …", 1),
    'This value was not accepted:',
  );
  assert.equal(refusalSummary('HRS_CONFLICT', 'The body is invalid: …', 1), 'The body is invalid: …');
  // A step's and a pattern's refusal list their paths the same way ("1 problem", "/scope/filters/0/…").
  assert.equal(
    refusalSummary(
      'HRS_CONFIG_INVALID',
      'Step 4 has 1 problem: /scope/filters/0/clauses/0/value invalid regular expression: …',
      1,
    ),
    'This value was not accepted:',
  );
  assert.equal(
    refusalSummary('HRS_PATTERN_UNSAFE', '2 regular expressions refused: /a …; /b …', 2),
    'These values were not accepted:',
  );
  assert.equal(
    refusalSummary('HRS_CONFIG_INVALID', 'cannot read connection.json: ENOENT', 0),
    'cannot read connection.json: ENOENT',
  );
});
