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
