import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EMPLOYMENTS, type Fixture, startFixture, USERS } from './test-fixture.ts';

describe('GetConnector filters', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  after(() => afas.close());

  const triplet = (ids: string, values: string, operators: string) =>
    `filterfieldids=${encodeURIComponent(ids)}&filtervalues=${encodeURIComponent(values)}&operatortypes=${encodeURIComponent(operators)}`;

  const users = async (query: string) =>
    (await afas.rows(`/connectors/${USERS}?orderbyfieldids=Medewerker&${query}`)).map((r) => r.Medewerker);
  const employments = async (query: string) =>
    (await afas.rows(`/connectors/${EMPLOYMENTS}?orderbyfieldids=ExternalID&${query}`)).map(
      (r) => r.ExternalID,
    );

  async function expectError(query: string, message: string | RegExp): Promise<void> {
    const response = await afas.get(`/connectors/${USERS}?${query}`);
    assert.equal(response.status, 500, query);
    const body = (await response.json()) as { externalMessage: string };
    if (typeof message === 'string') assert.equal(body.externalMessage, message, query);
    else assert.match(body.externalMessage, message, query);
  }

  // DisplayNames: 1001 Jan Jansen, 1002 Anna de Vries, 1003 Émile Bakker, 1004 Jan Jansen,
  // 1005 piet jansen, 999 Zoë van Dijk. Telefoonnr_werk is empty for 1002, 1003, 1004, 1005.
  const cases: [number, string, string, string[]][] = [
    [1, 'DisplayName', 'JAN JANSEN', ['1001', '1004']],
    [2, 'DisplayName', 'piet jansen', ['1005', '999']],
    [3, 'DisplayName', 'Anna de Vries', ['1002']],
    [4, 'DisplayName', 'Jan Jansen', ['1005', '999']],
    [5, 'DisplayName', 'Jan Jansen', ['1002', '1003']],
    [6, 'DisplayName', 'JANSEN', ['1001', '1004', '1005']],
    [7, 'DisplayName', 'jan jansen', ['1002', '1003', '1005', '999']],
    [8, 'Telefoonnr_werk', '[is leeg]', ['1002', '1003', '1004', '1005']],
    [9, 'Telefoonnr_werk', '""', ['1001', '999']],
    [10, 'DisplayName', 'jan', ['1001', '1004']],
    [11, 'DisplayName', 'jansen', ['1002', '1003', '999']],
    [12, 'DisplayName', 'Jan', ['1002', '1003', '1005', '999']],
    [13, 'DisplayName', 'DIJK', ['999']],
    [14, 'DisplayName', 'sen', ['1002', '1003', '999']],
    [15, 'DisplayName', 'j*sen', ['1001', '1004', '1005']],
  ];
  for (const [operator, fieldId, value, expected] of cases) {
    test(`operator ${operator} on ${fieldId} '${value}'`, async () => {
      assert.deepEqual(await users(triplet(fieldId, value, String(operator))), expected);
    });
  }

  test('operators 8 and 9 ignore the value, even an empty one', async () => {
    assert.deepEqual(await users(triplet('Gebruiker', '', '8')), ['1002']);
    assert.deepEqual(await users(triplet('Gebruiker', 'anything', '8')), ['1002']);
    assert.equal((await users(triplet('Gebruiker', '', '9'))).length, 5);
  });

  test('the quick filter (15) takes ? for one character', async () => {
    assert.deepEqual(await users(triplet('DisplayName', 'zo? van', '15')), ['999']);
  });

  test('comparisons follow the field type: dates as dates, numbers as numbers, booleans', async () => {
    assert.deepEqual(await employments(triplet('Begindatum_functie', '2021-06-15T00:00:00', '2')), [
      'E2',
      'E4',
      'E5',
    ]);
    assert.deepEqual(await employments(triplet('Begindatum_functie', '2021-06-15', '4')), ['E4', 'E5']);
    assert.deepEqual(await employments(triplet('Einddatum_functie', '2022-01-01', '5')), ['E3']);
    // As text "8" > "40"; as numbers it is not.
    assert.deepEqual(await employments(triplet('Uren_per_week', '30', '4')), ['E1', 'E2']);
    assert.deepEqual(await employments(triplet('Uren_per_week', '24.5', '1')), ['E3']);
    assert.deepEqual(await employments(triplet('Volgnummer_contract', '010', '1')), ['E3']);
    assert.deepEqual(await employments(triplet('Volgnummer_contract', '3', '3')), ['E1', 'E2', 'E4']);
    assert.deepEqual(await users(triplet('Geblokkeerd', 'true', '1')), ['1003']);
    assert.deepEqual(await users(triplet('Geblokkeerd', '0', '1')).then((r) => r.length), 5);
    assert.deepEqual(await employments(triplet('Begindatum_functie', '2020', '10')), ['E1']);
  });

  test('a value that does not fit the field type is refused', async () => {
    for (const [fieldId, value] of [
      ['Uren_per_week', 'forty'],
      ['Begindatum_functie', '2021-02-30'],
      ['Begindatum_functie', 'yesterday'],
    ] as const) {
      const response = await afas.get(`/connectors/${EMPLOYMENTS}?${triplet(fieldId, value, '1')}`);
      assert.equal(response.status, 500, `${fieldId} ${value}`);
    }
    await expectError(triplet('Geblokkeerd', 'maybe', '1'), 'An unexpected error has occurred.');
  });

  test('"," ANDs conditions and ";" ORs groups', async () => {
    assert.deepEqual(await users(triplet('DisplayName,Medewerker', 'jan jansen,1004', '1,1')), ['1004']);
    assert.deepEqual(await users(triplet('DisplayName,Geblokkeerd', 'e,false', '6,1')), [
      '1001',
      '1002',
      '1004',
      '1005',
    ]);
    assert.deepEqual(await users(triplet('Medewerker;Medewerker', '1002;999', '1;1')), ['1002', '999']);
    assert.deepEqual(
      await users(triplet('DisplayName,Medewerker;Geblokkeerd', 'jansen,1001;true', '6,7;1')),
      ['1003', '1004', '1005'],
    );
  });

  test('the employee-number lookup finds exactly that employee, in requested order', async () => {
    assert.deepEqual(await users(triplet('Medewerker', '999', '1')), ['999']);
    assert.deepEqual(await users(triplet('Medewerker', '12345', '1')), []);
    const rows = await afas.rows(
      `/connectors/${USERS}?orderbyfieldids=-Medewerker&${triplet('Persoonsnummer', 'p1001', '1')}`,
    );
    assert.deepEqual(
      rows.map((r) => r.Medewerker),
      ['1004', '1001'],
    );
  });

  test('mismatched or incomplete triplets are refused', async () => {
    const unexpected = 'An unexpected error has occurred.';
    await expectError(triplet('Medewerker,DisplayName', '1001', '1,1'), unexpected);
    await expectError(triplet('Medewerker', '1001;1002', '1;1'), unexpected);
    await expectError(triplet('Medewerker', '1001', '1,1'), unexpected);
    await expectError('filterfieldids=Medewerker&filtervalues=1001', unexpected);
    await expectError('filterfieldids=Medewerker&operatortypes=1', unexpected);
    await expectError(triplet('Medewerker', '1001', '16'), unexpected);
    await expectError(triplet('Medewerker', '1001', 'eq'), unexpected);
    await expectError(triplet('Nope', '1', '1'), "Connector field 'Nope' not found");
  });

  const json = (filters: unknown) =>
    `filterjson=${encodeURIComponent(JSON.stringify({ Filters: { Filter: filters } }))}`;
  const condition = (id: string, operator: string | number, text?: string) => ({
    '@FieldId': id,
    '@OperatorType': operator,
    ...(text === undefined ? {} : { '#text': text }),
  });

  test('filterjson ANDs the fields of one Filter and ORs the Filters', async () => {
    const filter = json([
      {
        '@FilterId': 'Filter 1',
        Field: [condition('DisplayName', '6', 'jan'), condition('Medewerker', '7', '1001')],
      },
      { '@FilterId': 'Filter 2', Field: [condition('Medewerker', 1, '999')] },
    ]);
    assert.deepEqual(await users(filter), ['1004', '1005', '999']);
    // A single Filter and a single Field may come as objects rather than arrays.
    assert.deepEqual(await users(json({ '@FilterId': 'Filter 1', Field: condition('Gebruiker', '8') })), [
      '1002',
    ]);
  });

  test('filterjson problems are refused', async () => {
    const unexpected = 'An unexpected error has occurred.';
    await expectError('filterjson=%7Bnot%20json', unexpected);
    await expectError(json([]), unexpected);
    await expectError(json([{ Field: [] }]), unexpected);
    await expectError(json([{ Field: [{ '@OperatorType': '1', '#text': 'x' }] }]), unexpected);
    await expectError(json([{ Field: [condition('Nope', '1', 'x')] }]), "Connector field 'Nope' not found");
    await expectError(
      `${json([{ Field: [condition('Medewerker', '1', '1001')] }])}&${triplet('Medewerker', '1', '1')}`,
      unexpected,
    );
  });
});
