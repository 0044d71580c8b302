import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account } from '../../core/index.ts';
import { AccountIndex, NOT_OWN_KEY, normaliseKey, ownKeyHash } from './account-index.ts';
import { hashOf } from './key-table.ts';

const account = (id: string, attributes: Account['attributes']): Account => ({ id, attributes });

const accounts = [
  account('a', {
    userPrincipalName: 'Jan.Jansen@Contoso.nl',
    mail: 'jan.jansen@contoso.nl',
    proxyAddresses: ['SMTP:jan.jansen@contoso.nl', 'smtp:jj@contoso.nl'],
    employeeId: '100',
    mailNickname: ' jan.jansen ',
  }),
  account('b', { userPrincipalName: 'piet@contoso.nl', mail: null, proxyAddresses: [], employeeId: '200' }),
  account('c', {
    userPrincipalName: 'klaas@contoso.nl',
    employeeId: '200',
    proxyAddresses: ['x500:/o=smtp:klaas'],
  }),
];
const attributes = ['employeeId', 'userPrincipalName', 'mail', 'proxyAddresses', 'mailNickname'];

describe('AccountIndex', () => {
  test('has: per attribute, case- and space-insensitive, proxy addresses without their smtp: prefix', () => {
    const index = new AccountIndex(accounts, attributes);
    assert.equal(index.has('userPrincipalName', 'jan.jansen@contoso.nl'), true);
    assert.equal(index.has('mail', 'JAN.JANSEN@CONTOSO.NL'), true);
    assert.equal(index.has('proxyAddresses', 'jj@contoso.nl'), true);
    assert.equal(index.has('proxyAddresses', 'jan.jansen@contoso.nl'), true);
    assert.equal(index.has('mailNickname', 'jan.jansen'), true);
    // A value held in one attribute is not held in another.
    assert.equal(index.has('mail', 'jj@contoso.nl'), false);
    assert.equal(index.has('mail', 'piet@contoso.nl'), false);
    assert.equal(index.has('userPrincipalName', 'jj@contoso.nl'), false);
    // Only an smtp: prefix is taken off; other address types keep theirs.
    assert.equal(index.has('proxyAddresses', 'x500:/o=smtp:klaas'), true);
    assert.equal(index.has('proxyAddresses', '/o=smtp:klaas'), false);
    // A proxy address that differs from the UPN only in case and its prefix is the same key.
    const mixed = new AccountIndex(
      [
        account('m', {
          userPrincipalName: 'anna@contoso.nl',
          proxyAddresses: ['SMTP:Anna@Contoso.nl', 'smtp:anna@contoso.nl', 'smtp:', 'X500:anna@contoso.nl'],
        }),
      ],
      ['userPrincipalName', 'proxyAddresses'],
    );
    assert.equal(mixed.has('proxyAddresses', 'anna@contoso.nl'), true);
    assert.equal(mixed.has('proxyAddresses', ''), true);
    assert.equal(mixed.has('proxyAddresses', 'x500:anna@contoso.nl'), true);
    assert.equal(mixed.has('userPrincipalName', 'x500:anna@contoso.nl'), false);
    assert.equal(mixed.has('userPrincipalName', ''), false);
    // An attribute that was not named for the index holds nothing.
    assert.equal(index.has('displayName', 'Jan Jansen'), false);
  });

  test('has agrees with find, whichever is asked first', () => {
    const first = new AccountIndex(accounts, attributes);
    assert.equal(first.has('employeeId', '200'), true);
    assert.deepEqual(
      first.find('employeeId', '200').map((a) => a.id),
      ['b', 'c'],
    );
    const second = new AccountIndex(accounts, attributes);
    assert.deepEqual(
      second.find('employeeId', ' 100 ').map((a) => a.id),
      ['a'],
    );
    assert.equal(second.has('employeeId', '100'), true);
    assert.equal(second.has('employeeId', '300'), false);
  });

  test('heldInAny: the keys held in any of the attributes, as has() answers each of them', () => {
    const more = [
      ...accounts,
      account('m', {
        userPrincipalName: 'anna@contoso.nl',
        mail: 'Anna@Contoso.nl',
        proxyAddresses: ['SMTP:Anna@Contoso.nl', 'smtp:anna@contoso.nl', 'smtp:', 'X500:anna@contoso.nl'],
        mailNickname: 'piet@contoso.nl',
        employeeId: 300 as never,
      }),
    ];
    const index = new AccountIndex(more, attributes);
    const probes = [
      'jan.jansen@contoso.nl',
      'JJ@contoso.nl',
      'jan.jansen',
      'piet@contoso.nl',
      'klaas@contoso.nl',
      'x500:/o=smtp:klaas',
      '/o=smtp:klaas',
      'anna@contoso.nl',
      'x500:anna@contoso.nl',
      '',
      '300',
      'nobody@contoso.nl',
    ];
    const groups = [
      ['userPrincipalName', 'mail', 'proxyAddresses'],
      ['mailNickname'],
      ['proxyAddresses'],
      ['mail', 'mailNickname'],
      ['employeeId', 'mail'],
    ];
    let held = 0;
    for (const group of groups) {
      const keys = index.heldInAny(group);
      assert.ok(keys, group.join());
      for (const probe of probes) {
        const expected = group.some((a) => index.has(a, probe));
        assert.equal(keys.has(normaliseKey(probe)), expected, `${group.join()} ${probe}`);
        if (expected) held++;
      }
    }
    assert.ok(held >= 10, 'the probes find keys held');
    assert.equal(index.heldInAny(['userPrincipalName', 'displayName']), undefined);
  });

  test('heldInAny: groups made together in one pass hold what each made alone holds, in the same order', () => {
    const more = [
      ...accounts,
      account('m', {
        userPrincipalName: 'Ánna@Contoso.nl',
        mail: 'ánna@contoso.nl',
        proxyAddresses: ['SMTP:Ánna@Contoso.nl', 'smtp:anna@contoso.nl', 'smtp:', ' smtp:b@c.nl'],
        mailNickname: 'jan.jansen',
        employeeId: 300 as never,
      }),
      account('n', { userPrincipalName: '', mail: '  ', mailNickname: ['Ánna', 'x'] as never }),
    ];
    const groups = [
      ['mailNickname'],
      ['userPrincipalName', 'mail', 'proxyAddresses'],
      ['mail', 'userPrincipalName', 'proxyAddresses', 'mail'],
      ['employeeId', 'mailNickname'],
      ['userPrincipalName', 'displayName'],
    ];
    const together = new AccountIndex(more, attributes);
    together.prepareHeld(groups);
    for (const group of groups) {
      const alone = new AccountIndex(more, attributes).heldInAny(group);
      const made = together.heldInAny(group);
      assert.deepEqual(made && [...made], alone && [...alone], group.join());
    }
    assert.equal(together.heldInAny(['userPrincipalName', 'displayName']), undefined);
  });

  test('no account id is read until byId is asked for: a run without links needs no id table', () => {
    let reads = 0;
    const counted = accounts.map((a) => ({
      get id() {
        reads++;
        return a.id;
      },
      attributes: a.attributes,
    }));
    const index = new AccountIndex(counted, attributes);
    assert.deepEqual(
      index.find('employeeId', '200').map((a) => a.attributes.employeeId),
      ['200', '200'],
    );
    assert.equal(index.has('userPrincipalName', 'piet@contoso.nl'), true);
    assert.equal(reads, 0);
    assert.equal(index.byId.get('c')?.attributes.employeeId, '200');
    assert.equal(reads, 3);
    assert.equal(index.byId.has('a'), true);
    assert.equal(reads, 3, 'the table is made once');
  });

  test('byId answers as a Map of the accounts by id would (the last account listed with an id)', () => {
    const listed = [...accounts, account('b', { employeeId: '201' }), account('d', {})];
    const byId = new AccountIndex(listed, attributes).byId;
    const map = new Map(listed.map((a) => [a.id, a]));
    assert.equal(byId.size, map.size);
    assert.deepEqual([...byId], [...map]);
    assert.deepEqual([...byId.keys()], [...map.keys()]);
    assert.deepEqual([...byId.values()], [...map.values()]);
    for (const id of ['a', 'b', 'c', 'd', 'e', '']) {
      assert.equal(byId.get(id), map.get(id), id);
      assert.equal(byId.has(id), map.has(id), id);
    }
    const seen: string[] = [];
    byId.forEach((a, id) => {
      seen.push(`${id}:${a.attributes.employeeId ?? ''}`);
    });
    assert.deepEqual(seen, ['a:100', 'b:201', 'c:200', 'd:']);
  });

  test('values: every key of an attribute once, in the order the accounts first hold it', () => {
    const index = new AccountIndex(accounts, attributes);
    assert.deepEqual([...index.values('employeeId')], ['100', '200']);
    assert.deepEqual(
      [...index.values('proxyAddresses')],
      ['jan.jansen@contoso.nl', 'jj@contoso.nl', 'x500:/o=smtp:klaas'],
    );
    assert.deepEqual([...index.values('displayName')], []);
  });

  test('entry: one account as itself, several as a list, none as undefined', () => {
    const index = new AccountIndex(accounts, attributes);
    assert.equal(index.entry('employeeId', '100'), accounts[0]);
    assert.deepEqual(index.entry('employeeId', '200'), [accounts[1], accounts[2]]);
    assert.equal(index.entry('employeeId', '999'), undefined);
    assert.deepEqual(index.find('employeeId', '999'), []);
  });

  test('normaliseKey: trimmed and lower case, as toLowerCase() makes it, outside ASCII too', () => {
    for (const value of [
      ' Jan.Jansen@Contoso.NL ',
      'jan@contoso.nl',
      'ÉLODIE@x.fr',
      'Ὀδυσσεύς',
      'İstanbul',
      'a\u00a0',
      'z[@]`{',
      // Ends that trim() removes or keeps, inside and outside ASCII; texts that are their own key.
      '\tjan@contoso.nl\n',
      'jan@contoso.nl\r',
      '\u0001jan\u0001',
      '\u007fjan\u007f',
      '\u3000jan',
      'jan\ufeff',
      'jan jansen',
      '',
      ' ',
      '@',
    ]) {
      assert.equal(normaliseKey(value), value.trim().toLowerCase());
      // ownKeyHash: the hash of a value it finds its own key (as plain ASCII ones are), else NOT_OWN_KEY.
      const hash = ownKeyHash(value);
      if (hash !== NOT_OWN_KEY) assert.equal(normaliseKey(value), value);
      assert.equal(hash, hash === NOT_OWN_KEY ? NOT_OWN_KEY : hashOf(value), value);
      if (/^[!-@[-~]([ -@[-~]*[!-@[-~])?$/.test(value)) assert.equal(hash, hashOf(value), value);
    }
  });
});
