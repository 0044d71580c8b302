/** Failures in plain words (web/src/api/plain-words.ts): a hybrid connection's destination is Active Directory. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../web/src/api/api-error.ts';
import { plainWords } from '../../web/src/api/plain-words.ts';

const unreachable = new ApiError(
  0,
  'HRS_TARGET_UNAVAILABLE',
  'no domain controller could be reached: ldaps://dc1.contoso.local: the controller cannot be reached (ENOTFOUND)',
);

test('a hybrid connection’s destination errors name Active Directory, a cloud one’s Microsoft 365', () => {
  assert.equal(plainWords(unreachable, {}, 'hybrid').title, 'Active Directory is not available');
  assert.equal(plainWords(unreachable, {}, 'cloud').title, 'Microsoft 365 is not available');
  assert.equal(plainWords(unreachable).title, 'Microsoft 365 is not available');
  assert.equal(
    plainWords(new ApiError(0, 'HRS_TARGET_AUTH', 'the name or password is wrong'), {}, 'hybrid').title,
    'Active Directory refused the bind account',
  );
  // AFAS stays AFAS, and a page's own titles still win.
  assert.equal(
    plainWords(new ApiError(0, 'HRS_SOURCE_UNAVAILABLE', '…'), {}, 'hybrid').title,
    'AFAS is not available',
  );
  assert.equal(plainWords(unreachable, { HRS_TARGET_UNAVAILABLE: 'Own title' }, 'hybrid').title, 'Own title');
});
