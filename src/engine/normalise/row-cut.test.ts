import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Attributes, type KeyPool, type Person, SHARED_BY_PARSE, ValuePool } from '../../core/index.ts';
import { parseJsonRows, type RowReader } from '../../core/json-rows.ts';
import { DEFAULT_PERSONS } from '../defaults.ts';
import { normalise } from './normalise.ts';
import { RowCut } from './row-cut.ts';

const options = {
  today: '2026-11-24',
  timeZone: 'Europe/Amsterdam',
  persons: DEFAULT_PERSONS,
  constants: { Domain: 'contoso.nl' },
};

/** A person as plain data, with every record's keys in their order (deepEqual ignores key order). */
const asData = (p: Person) => ({ ...p, attributes: Object.entries(p.attributes) });

describe('rows cut as they arrive', () => {
  test('make the persons the whole rows make: attributes in the same order, names, employments, managers', () => {
    const attributes = new Set([
      'Functie_omschrijving',
      'Roepnaam',
      'Lifecycle',
      'Domain',
      'Telefoon',
      'Soort',
    ]);
    const users: Attributes[] = [];
    const employments: Attributes[] = [];
    for (let i = 0; i < 40; i++) {
      const n = String(1000 + i);
      // Every fifth employee has no user row: named from their first employment row (Naam).
      if (i % 5 !== 0)
        users.push({
          Medewerker: n,
          Persoonsnummer: `P${n}`,
          Roepnaam: `Roepnaam ${i}`,
          Voornaam: `Voornaam van ${i}`,
          Geboortenaam: i % 2 === 0 ? 'Jansen' : 'van der Berg-Achternaam',
          ...(i % 3 === 0 ? { DisplayName: `Weergavenaam ${i}` } : {}),
          Telefoon: `+31 30 ${String(i).padStart(7, '0')}`,
          Email_werk: `p${i}@contoso.nl`,
          // A derived attribute's name among the row's fields: its place stays, its value is derived.
          Lifecycle: 'from the row',
        });
      for (let j = 0; j < 1 + (i % 3); j++)
        employments.push({
          Medewerker: n,
          ExternalID: `${n}-${j}`,
          Naam: `M. Naam ${i}`,
          Organisatorische_eenheid_code: String(j + 1),
          Functie_code: 'F0001',
          Functie_omschrijving: j === 1 ? 'Senior adviseur bedrijfsvoering' : 'Medewerker klantenservice',
          Begindatum_functie: `20${10 + j}-0${1 + (i % 9)}-01T00:00:00Z`,
          Einddatum_functie: j === 0 && i % 4 === 0 ? '2026-06-30T00:00:00Z' : null,
          Begindatum_contract: '2010-01-01T00:00:00Z',
          FTE: j === 1 ? 1 : 0.5,
          Volgnummer_contract: j,
          Medewerkernummer_leidinggevende: i % 7 === 0 ? null : '1001',
          Soort: i % 2 === 0 ? 'Intern' : 'Extern',
          // A field the user row has too: the employment's value wins, the user row's place stays.
          Telefoon: i % 6 === 0 ? `+31 20 ${String(i).padStart(7, '0')}` : null,
        });
    }
    const units = [
      { ExternalId: '1', DisplayName: 'Contoso', ParentExternalId: null, ManagerExternalId: '1000' },
      { ExternalId: '2', DisplayName: 'Klantenservice', ParentExternalId: '1', ManagerExternalId: null },
      { ExternalId: '3', DisplayName: 'Advies', ParentExternalId: '2', ManagerExternalId: '1003' },
    ];
    const whole = normalise({ users, employments, organizationalUnits: units }, { ...options, attributes });
    const cut = new RowCut(attributes);
    const cutRows = {
      users: users.map(cut.row),
      employments: employments.map(cut.row),
      organizationalUnits: units,
    };
    const made = normalise(cutRows, { ...options, attributes, pool: cut.pool });
    assert.equal(made.length, 40);
    assert.deepEqual(made.map(asData), whole.map(asData));
    assert.equal(made[0]?.displayName, 'M. Naam 0', 'no user row: named from the employment row');
    assert.equal(made[3]?.displayName, 'Weergavenaam 3');
    assert.equal(made[7]?.displayName, 'Roepnaam 7 van der Berg-Achternaam');
  });

  test('persons made of cut rows take their values as the cut shared them: no value is looked up again', () => {
    /** A pool that counts the lookups of values long enough to be shared. */
    class CountingPool extends ValuePool {
      lookups = 0;
      readonly #counted = new Set<KeyPool>();
      override forKey(key: string): KeyPool {
        const pool = super.forKey(key);
        if (!this.#counted.has(pool)) {
          this.#counted.add(pool);
          const share = pool.share.bind(pool);
          pool.share = (value: string) => {
            if (value.length > SHARED_BY_PARSE) this.lookups++;
            return share(value);
          };
        }
        return pool;
      }
    }
    const attributes = new Set(['Functie_omschrijving', 'Telefoon']);
    const users: Attributes[] = [];
    const employments: Attributes[] = [];
    for (let i = 0; i < 6; i++) {
      const n = String(2000 + i);
      users.push({ Medewerker: n, Roepnaam: `R${i}`, Telefoon: '+31 30 000 0000' });
      employments.push({
        Medewerker: n,
        ExternalID: `${n}-1`,
        Functie_omschrijving: 'Medewerker klantenservice',
        Begindatum_functie: '2020-01-01T00:00:00Z',
      });
    }
    const cut = new RowCut(attributes);
    const pool = new CountingPool();
    Object.defineProperty(cut, 'pool', { value: pool });
    const cutRows = {
      users: users.map(cut.row),
      employments: employments.map(cut.row),
      organizationalUnits: [],
    };
    assert.equal(pool.lookups, 12, 'the cut shares each kept value once');
    const persons = normalise(cutRows, { ...options, attributes, pool });
    assert.equal(persons.length, 6);
    assert.equal(persons[5]?.attributes.Functie_omschrijving, 'Medewerker klantenservice');
    assert.equal(persons[5]?.attributes.Telefoon, '+31 30 000 0000');
    assert.equal(pool.lookups, 12, 'the records look none up again');
  });

  test('a cut row keeps only the fields persons are made from, in its own order, with the same values', () => {
    const cut = new RowCut(new Set(['Functie_omschrijving', 'StartDate']));
    const row = {
      Kostenplaats_code: '1000',
      Functie_omschrijving: 'Algemeen directeur',
      Medewerker: '100001',
      Persoonsnummer: '1000002',
      Begindatum_functie: '2025-09-06T00:00:00Z',
      Type_contract: 'Onbepaalde tijd',
      ExternalID: '100001-1-1',
      FTE: 1,
      Dienstbetrekking: true,
      Medewerkernummer_leidinggevende: null,
    };
    const kept = cut.row(row);
    assert.deepEqual(Object.entries(kept), [
      ['Functie_omschrijving', 'Algemeen directeur'],
      ['Medewerker', '100001'],
      ['Begindatum_functie', '2025-09-06T00:00:00Z'],
      ['ExternalID', '100001-1-1'],
      ['FTE', 1],
      ['Medewerkernummer_leidinggevende', null],
    ]);
    assert.equal(Object.getPrototypeOf(kept), Object.prototype);
    // A row of another shape (a field missing, another order) is cut by its own keys.
    const { Functie_omschrijving: _, FTE, ...without } = row;
    assert.deepEqual(Object.keys(cut.row({ FTE, ...without })), [
      'FTE',
      'Medewerker',
      'Begindatum_functie',
      'ExternalID',
      'Medewerkernummer_leidinggevende',
    ]);
    // A kept key a constructor cannot set plainly is copied as an own field all the same.
    const odd = new RowCut(new Set(['__proto__', 'Functie_omschrijving'])).row(
      JSON.parse('{"Medewerker":"7","__proto__":"x","Functie_omschrijving":"Adviseur","Extra":1}'),
    );
    assert.deepEqual(Object.entries(odd), [
      ['Medewerker', '7'],
      ['__proto__', 'x'],
      ['Functie_omschrijving', 'Adviseur'],
    ]);
    assert.equal(Object.getPrototypeOf(odd), Object.prototype);
  });

  test('rows that each bring other keys are cut alike past the shapes that get a constructor', () => {
    const cut = new RowCut(new Set(['Functie_omschrijving']));
    for (let i = 0; i < 100; i++) {
      const row = JSON.parse(
        `{"Extra${i}":${i},"Functie_omschrijving":"Adviseur ${i}","Medewerker":"${i}","Soort${i % 3}":"x"}`,
      );
      const kept = cut.row(row);
      assert.deepEqual(
        Object.entries(kept),
        [
          ['Functie_omschrijving', `Adviseur ${i}`],
          ['Medewerker', String(i)],
        ],
        `row ${i}`,
      );
      assert.equal(Object.getPrototypeOf(kept), Object.prototype);
    }
  });

  test('a page cut as it is parsed gives the rows the cut makes of the parsed rows, most read from their bytes', () => {
    const attributes = new Set(['Functie_omschrijving', 'Telefoon']);
    const user = (i: number) =>
      `{"Medewerker":"${100000 + i}","Roepnaam":"Ann ${i % 7}","Extra":${i},"Functie_omschrijving":${i % 5 === 0 ? 'null' : `"Adviseur \\"${i % 3}\\" é"`},"FTE":${i % 4 === 0 ? '0.8' : '1'},"Actief":${i % 2 === 0},"Telefoon":"+31 6 ${1000 + i}"}`;
    // Rows of one shape, with another shape, a key written with an escape, a nested kept value, a
    // repeated key and spaces between them.
    const rows = Array.from({ length: 300 }, (_, i) =>
      i === 100
        ? '{"Medewerker":"9","Functie_omschrijving":"Anders"}'
        : i === 150
          ? user(i).replace('"Roepnaam"', '"Roep\\u006eaam"')
          : i === 200
            ? user(i).replace('"Telefoon":"', '"Telefoon":["x"],"Tel":"')
            : i === 250
              ? user(i).replace('"Extra"', '"Roepnaam":"twice","Extra"')
              : i % 10 === 0
                ? user(i).replaceAll(',', ' ,\n ').replaceAll(':', ' : ')
                : user(i),
    );
    const text = `{"skip":0,"take":300,"rows":[${rows.join(',')}]}`;
    const cut = new RowCut(attributes);
    let fromBytes = 0;
    const counted: RowReader = {
      fromValue: (value) => cut.fromValue(value),
      fromBytes: (bytes, start) => {
        const row = cut.fromBytes(bytes, start);
        if (row !== undefined) fromBytes++;
        return row;
      },
      get end() {
        return cut.end;
      },
    };
    const page = parseJsonRows(Buffer.from(text), 'rows', false, counted) as { rows: Attributes[] };
    const expected = (JSON.parse(text) as { rows: Attributes[] }).rows.map(new RowCut(attributes).row);
    assert.equal(page.rows.length, 300);
    for (let i = 0; i < 300; i++) {
      assert.deepEqual(
        Object.entries(page.rows[i] as Attributes),
        Object.entries(expected[i] as Attributes),
        `row ${i}`,
      );
      assert.equal(Object.getPrototypeOf(page.rows[i]), Object.prototype);
    }
    assert.ok(fromBytes >= 290, `${fromBytes} of 300 rows read from their bytes`);
    // The fields of the rows before the cut, as fields-read.ts checks the configuration against them.
    const keys = new Set((JSON.parse(text) as { rows: Attributes[] }).rows.flatMap((r) => Object.keys(r)));
    assert.deepEqual(cut.fieldsSeen().sort(), [...keys].sort());
  });

  test('a malformed page cut as it is parsed fails as JSON.parse fails, wherever the fault is', () => {
    const row = '{"Medewerker":"1","Roepnaam":"Ann","Functie_omschrijving":"Adviseur","FTE":1}';
    for (const fault of [
      row.replace('"Ann"', '"An\u0001n"'),
      row.replace('"Ann"', '"An\\qn"'),
      row.replace('1}', '01}'),
      row.replace('1}', '1.}'),
      row.replace('"Ann"', 'tru'),
      row.replace('}', ',}'),
      row.slice(0, -1),
    ]) {
      const text = `{"rows":[${row},${row},${fault},${row}]}`;
      let expected: Error | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        expected = error as Error;
      }
      assert.ok(expected, fault);
      assert.throws(
        () => parseJsonRows(Buffer.from(text), 'rows', false, new RowCut(new Set(['Functie_omschrijving']))),
        {
          name: 'SyntaxError',
          message: expected.message,
        },
      );
    }
  });
});
