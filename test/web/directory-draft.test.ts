/** The tenant dialog's directory settings (web/src/admin/directory-draft.ts): what it asks for before sending. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directoryDraft, directoryIncomplete } from '../../web/src/admin/directory-draft.ts';

const draft = (urls: string) => ({
  ...directoryDraft(null),
  urls,
  bindUser: 'svc-hrsync@contoso.local',
  bindPassword: 'secret',
  container: 'OU=Staff,DC=contoso,DC=local',
});

test('a controller URL without ldaps:// or ldap:// is named before sending, not refused as "not in the expected form"', () => {
  assert.equal(
    directoryIncomplete(null, draft('dc1.contoso.local'), false),
    'Each domain controller URL is ldaps://host or ldap://host, with an optional :port (“dc1.contoso.local” is not).',
  );
  // A pasted space splits one URL into two: the stray part is named.
  assert.match(
    directoryIncomplete(null, draft('ldaps://dc1 .contoso.local'), false) ?? '',
    /“\.contoso\.local” is not/,
  );
  assert.match(directoryIncomplete(null, draft('https://dc1.contoso.local'), true) ?? '', /“https:\/\/dc1/);
  assert.equal(
    directoryIncomplete(null, draft(' ldaps://dc1.contoso.local:636\nldap://dc2.contoso.local '), false),
    null,
  );
});
