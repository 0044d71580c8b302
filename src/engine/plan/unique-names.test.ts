import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountIndex } from '../match/index.ts';
import { chooseUnique, cleanLocalPart, UniqueNameRegistry } from './unique-names.ts';

const collisions = {
  userPrincipalName: ['userPrincipalName', 'mail', 'proxyAddresses'],
  mail: ['userPrincipalName', 'mail', 'proxyAddresses'],
  mailNickname: ['mailNickname'],
};

test('cleaning removes diacritics, invalid characters and stray dots', () => {
  assert.equal(cleanLocalPart("Zoë.d'Hondt"), 'zoe.dhondt');
  assert.equal(cleanLocalPart('Çelik..van der Berg'), 'celik.vanderberg');
  assert.equal(cleanLocalPart('.ĳsbrand.'), 'ijsbrand');
  assert.equal(cleanLocalPart('Jürgen Straße'), 'jurgenstrasse');
  assert.equal(cleanLocalPart('x'.repeat(80)).length, 64);
});

test('taken values in the tenant and in the same run move to the next candidate, then suffixes', () => {
  const index = new AccountIndex(
    [
      { id: '1', attributes: { userPrincipalName: 'jan.jansen@contoso.nl', mail: null, mailNickname: 'x' } },
      {
        id: '2',
        attributes: { userPrincipalName: 'other@contoso.nl', proxyAddresses: ['SMTP:j.jansen@contoso.nl'] },
      },
    ],
    ['userPrincipalName', 'mail', 'proxyAddresses', 'mailNickname'],
  );
  const registry = new UniqueNameRegistry(index, collisions);
  const values = (local: string) => ({
    userPrincipalName: `${local}@contoso.nl`,
    mail: `${local}@contoso.nl`,
    mailNickname: local,
  });
  const first = chooseUnique(['jan.jansen', 'j.jansen'], 99, values, registry);
  assert.equal(first?.localPart, 'jan.jansen2');
  const second = chooseUnique(['jan.jansen', 'j.jansen'], 99, values, registry);
  assert.equal(second?.localPart, 'jan.jansen3', 'the run reserves what it handed out');
  assert.equal(chooseUnique(['jan.jansen'], 3, values, registry), null, 'exhausted');
});

test('reserved values (a group’s sAMAccountName) are never free', () => {
  const index = new AccountIndex(
    [{ id: 'a', attributes: { sAMAccountName: 'janjansen' } }],
    ['sAMAccountName'],
  );
  const registry = new UniqueNameRegistry(
    index,
    { sAMAccountName: ['sAMAccountName'] },
    { sAMAccountName: ['JJANSEN'] },
  );
  const values = (local: string) => ({ sAMAccountName: local });
  assert.equal(
    chooseUnique(['janjansen', 'jjansen', 'jajansen'], 99, values, registry)?.localPart,
    'jajansen',
  );
});

test('implicit names: a UPN that is another account’s sAMAccountName@domain is taken, and the other way round', () => {
  const index = new AccountIndex(
    [
      // An old account without a UPN signs in as jan.jansen@contoso.local.
      { id: 'a', attributes: { sAMAccountName: 'jan.jansen', userPrincipalName: null } },
      // An account whose UPN is what a new sAMAccountName "pietsmit" would sign in as.
      { id: 'b', attributes: { sAMAccountName: 'psmit', userPrincipalName: 'PietSmit@contoso.local' } },
    ],
    ['sAMAccountName', 'userPrincipalName', 'mail', 'proxyAddresses'],
  );
  const implied = [{ attribute: 'userPrincipalName', from: 'sAMAccountName', suffix: '@Contoso.local' }];
  const registry = new UniqueNameRegistry(
    index,
    { ...collisions, sAMAccountName: ['sAMAccountName'] },
    { sAMAccountName: ['kbak'] },
    implied,
  );
  const upnOnly = (local: string) => ({ userPrincipalName: `${local}@contoso.local` });
  assert.equal(chooseUnique(['jan.jansen'], 9, upnOnly, registry)?.localPart, 'jan.jansen2');
  assert.equal(
    registry.impliedClash('userPrincipalName', 'jan.jansen@contoso.local'),
    'jan.jansen@contoso.local is how the account with sAMAccountName "jan.jansen" signs in',
  );
  assert.equal(
    chooseUnique(['kbak'], 9, upnOnly, registry)?.localPart,
    'kbak2',
    'a reserved sAMAccountName too',
  );
  assert.ok(registry.isFree('userPrincipalName', 'jan.jansen@example.nl'), 'another suffix is not implicit');
  const samOnly = (local: string) => ({ sAMAccountName: local });
  assert.equal(chooseUnique(['pietsmit'], 9, samOnly, registry)?.localPart, 'pietsmit2');
  assert.equal(
    registry.impliedClash('sAMAccountName', 'pietsmit'),
    'sAMAccountName "pietsmit" would sign in as pietsmit@contoso.local, another account’s userPrincipalName',
  );
  // Within the run: a sAMAccountName handed out earlier makes its implicit UPN taken.
  const split = (local: string) => ({
    sAMAccountName: local.replace('.', ''),
    userPrincipalName: `${local}@contoso.local`,
  });
  assert.equal(chooseUnique(['annagroot'], 9, samOnly, registry)?.localPart, 'annagroot');
  assert.equal(chooseUnique(['annagroot'], 9, split, registry)?.localPart, 'annagroot2');
  const none = new UniqueNameRegistry(index, { ...collisions, sAMAccountName: ['sAMAccountName'] });
  assert.ok(none.isFree('userPrincipalName', 'jan.jansen@contoso.local'), 'only when the target says so');
});

test('reservations of more attributes than share one map of bits are kept as reliably', () => {
  const index = new AccountIndex([{ id: 'a', attributes: { a31: 'held' } }], ['a31']);
  const names = Array.from({ length: 34 }, (_, i) => `a${i}`);
  const registry = new UniqueNameRegistry(
    index,
    Object.fromEntries(names.map((n) => [n, [n]])),
    Object.fromEntries(names.map((n) => [n, [`Taken-${n}`]])),
  );
  for (const n of names) {
    assert.equal(registry.isFree(n, `taken-${n}`), false, `${n}: its own reservation`);
    assert.equal(registry.isFree(n, `taken-${n === 'a0' ? 'a1' : 'a0'}`), true, `${n}: not another's`);
  }
  assert.equal(registry.isFree('a31', 'HELD'), false, 'held by an account');
  registry.reserve('a33', 'late');
  assert.equal(registry.isFree('a33', 'Late'), false);
  assert.equal(registry.isFree('a32', 'late'), true);
});

test('heldNumbers: how far the tenant holds base2, base3, … without a gap, up to the largest suffix', () => {
  const nicknames = ['jan2', 'jan3', 'jan5', 'jan12', 'piet3', 'kees2', 'kees3', 'kees4'];
  const index = new AccountIndex(
    nicknames.map((mailNickname, i) => ({ id: String(i), attributes: { mailNickname } })),
    ['mailNickname'],
  );
  const registry = new UniqueNameRegistry(index, collisions, {}, [], ['mailNickname']);
  assert.equal(registry.heldNumbers('mailNickname', 'jan', 99), 3);
  assert.equal(registry.heldNumbers('mailNickname', 'jan1', 99), 2, 'jan12 is jan1 numbered 2');
  assert.equal(registry.heldNumbers('mailNickname', 'piet', 99), 1, 'piet2 is free');
  assert.equal(registry.heldNumbers('mailNickname', 'kees', 3), 3, 'no further than the largest suffix');
  registry.reserve('mailNickname', 'piet2');
  assert.equal(
    registry.heldNumbers('mailNickname', 'piet', 99),
    1,
    'what the run reserved is not the tenant',
  );
  const implied = new UniqueNameRegistry(index, collisions, {}, [
    { attribute: 'userPrincipalName', from: 'sAMAccountName', suffix: '@contoso.nl' },
  ]);
  assert.equal(implied.heldNumbers('mailNickname', 'jan', 99), 1, 'not said where names are held implicitly');
});

test('heldNumbers answers as looking base2, base3, … up one by one would: numbered bases, zeros, past 33', () => {
  const nicknames = ['Anna', 'Bob07', 'bob0', 'x1', 'x10', 'x11', 'x2', 'Y2', 'y'];
  for (let n = 2; n <= 40; n++) nicknames.push(`anna${n}`, `bob0${n}`);
  for (let n = 2; n <= 33; n++) if (n !== 20) nicknames.push(`x${n}`);
  for (let n = 2; n <= 12; n++) nicknames.push(`Q${n}Q${n}`, `q${n}q${n}2`);
  const index = new AccountIndex(
    nicknames.map((mailNickname, i) => ({ id: String(i), attributes: { mailNickname } })),
    ['mailNickname'],
  );
  const registry = new UniqueNameRegistry(index, collisions, {}, [], ['mailNickname']);
  const keys = new Set(nicknames.map((n) => n.toLowerCase()));
  const oneByOne = (base: string, max: number) => {
    let k = 1;
    while (k < max && keys.has(base + String(k + 1))) k++;
    return k;
  };
  const bases = ['anna', 'bob0', 'bob', 'x', 'x1', 'y', 'q2q', 'q3q3', 'q', 'nobody', 'anna3'];
  for (const base of bases)
    for (const max of [1, 2, 9, 33, 34, 35, 99])
      assert.equal(
        registry.heldNumbers('mailNickname', base, max),
        oneByOne(base, max),
        `${base} up to ${max}`,
      );
  assert.equal(registry.heldNumbers('mailNickname', 'anna', 99), 40);
});
