import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writeBackChanges } from './afas-write-back.ts';

describe('writeBackChanges', () => {
  const row = {
    Medewerker: '1001',
    Email_werk: 'old@contoso.nl',
    UPN: 'jan@contoso.nl',
    Email_werk_gebruiker: null,
  };

  test('only changed fields are sent', () => {
    assert.deepEqual(writeBackChanges(row, { email: 'new@contoso.nl', upn: 'jan@contoso.nl' }), {
      person: { EmAd: 'new@contoso.nl' },
      user: { EmAd: 'new@contoso.nl' },
    });
  });

  test('unchanged values make no update at all', () => {
    assert.deepEqual(
      writeBackChanges(
        { ...row, Email_werk_gebruiker: 'old@contoso.nl' },
        { email: 'old@contoso.nl', upn: 'jan@contoso.nl' },
      ),
      {
        person: {},
        user: {},
      },
    );
  });

  test('the Profit user is only touched when a UPN is written back', () => {
    assert.deepEqual(writeBackChanges(row, { email: 'new@contoso.nl' }), {
      person: { EmAd: 'new@contoso.nl' },
      user: {},
    });
    assert.deepEqual(writeBackChanges(row, { upn: 'j@contoso.nl' }), {
      person: {},
      user: { Upn: 'j@contoso.nl' },
    });
  });
});
