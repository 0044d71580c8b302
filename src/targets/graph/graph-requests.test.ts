import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prepareWrite, type RequestContext } from './graph-requests.ts';

const ctx: RequestContext = {
  graphBaseUrl: 'https://graph.microsoft.com/',
  usePasswordProfile: true,
  password: () => 'Pw-1',
  listAttributes: new Set(['businessPhones']),
};

describe('planned writes as Graph requests', () => {
  test('create: POST /users with the attributes, accountEnabled from the write and a password profile', () => {
    const prepared = prepareWrite(
      {
        kind: 'create',
        employeeNumber: '1001',
        enabled: false,
        attributes: {
          userPrincipalName: 'jan.jansen@contoso.nl',
          displayName: 'Jan Jansen',
          accountEnabled: true,
          jobTitle: null,
          businessPhones: [],
          'employeeOrgData.costCenter': 'K1',
        },
      },
      ctx,
    );
    assert.ok('request' in prepared);
    assert.deepEqual(prepared.request, {
      method: 'POST',
      url: '/users',
      body: {
        userPrincipalName: 'jan.jansen@contoso.nl',
        displayName: 'Jan Jansen',
        employeeOrgData: { costCenter: 'K1' },
        accountEnabled: false,
        mailNickname: 'jan.jansen',
        passwordProfile: { password: 'Pw-1', forceChangePasswordNextSignIn: true },
      },
    });
    assert.equal(JSON.stringify(prepared.applied).includes('Pw-1'), false);
  });

  test('update: PATCH only the changes; clearing sends null, or [] for lists', () => {
    const prepared = prepareWrite(
      {
        kind: 'update',
        employeeNumber: '1001',
        accountId: 'a/b',
        changes: [
          { attribute: 'jobTitle', old: 'x', new: 'y' },
          { attribute: 'department', old: 'ICT', new: '' },
          { attribute: 'businessPhones', old: ['1'], new: null },
        ],
      },
      ctx,
    );
    assert.ok('request' in prepared);
    assert.deepEqual(prepared.request, {
      method: 'PATCH',
      url: '/users/a%2Fb',
      body: { jobTitle: 'y', department: null, businessPhones: [] },
    });
  });

  test('lifecycle writes', () => {
    const disable = prepareWrite({ kind: 'disable', employeeNumber: '1', accountId: 'u1' }, ctx);
    assert.ok('request' in disable);
    assert.deepEqual(disable.request, { method: 'PATCH', url: '/users/u1', body: { accountEnabled: false } });
    const del = prepareWrite({ kind: 'delete', employeeNumber: '1', accountId: 'u1' }, ctx);
    assert.ok('request' in del);
    assert.deepEqual(del.request, { method: 'DELETE', url: '/users/u1', notFoundIsDone: true });
  });

  test('manager: PUT the reference, DELETE to clear, refuse an unknown account', () => {
    const base = { kind: 'set-manager', employeeNumber: '1', oldManagerAccountId: null } as const;
    const put = prepareWrite(
      { ...base, accountId: 'u1', managerEmployeeNumber: '2', managerAccountId: 'm1' },
      ctx,
    );
    assert.ok('request' in put);
    assert.deepEqual(put.request, {
      method: 'PUT',
      url: '/users/u1/manager/$ref',
      body: { '@odata.id': 'https://graph.microsoft.com/v1.0/users/m1' },
    });
    const clear = prepareWrite(
      { ...base, accountId: 'u1', managerEmployeeNumber: null, managerAccountId: null },
      ctx,
    );
    assert.ok('request' in clear && clear.request.method === 'DELETE');
    const pending = prepareWrite(
      { ...base, accountId: null, managerEmployeeNumber: '2', managerAccountId: 'm1' },
      ctx,
    );
    assert.ok('outcome' in pending && !pending.outcome.ok);
  });

  test('write-back is not a Graph write; an empty update needs no request', () => {
    const wb = prepareWrite({ kind: 'write-back', employeeNumber: '1', changes: [] }, ctx);
    assert.ok('outcome' in wb && !wb.outcome.ok && /not to Microsoft Graph/.test(wb.outcome.message));
    const none = prepareWrite({ kind: 'update', employeeNumber: '1', accountId: 'u1', changes: [] }, ctx);
    assert.deepEqual(none, { outcome: { ok: true, accountId: 'u1' } });
  });
});
