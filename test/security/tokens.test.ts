/**
 * API tokens answer to the user who made them (issue 10, item 3): never more rights than that user
 * has now, dead once the user is disabled, 90 days by default, audited under the token's name.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  createApiToken,
  createCustomer,
  createUser,
  listApiTokens,
  listAuditEvents,
  pathFor,
  signIn,
  updateUser,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

for (const dialect of DIALECTS) {
  describe(`API tokens on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    /** A fresh admin user, signed in, who makes an admin token. */
    async function adminWithToken() {
      const email = `owner-${randomBytes(4).toString('hex')}@acme.test`;
      const password = `Correct-Horse-${randomBytes(8).toString('hex')}`;
      const created = await svc.call(createUser, {
        body: { email, name: 'Token owner', role: 'admin', password },
      });
      assert.equal(created.status, 201, created.text);
      const session = await svc.app.inject({
        method: 'POST',
        url: pathFor(signIn),
        payload: { email, password },
      });
      assert.equal(session.statusCode, 200, session.body);
      const cookie = session.cookies.find((c) => c.name === 'hrsync_session')!;
      const made = await svc.app.inject({
        method: 'POST',
        url: pathFor(createApiToken),
        headers: { cookie: `hrsync_session=${cookie.value}` },
        payload: { name: `admin token ${email}`, role: 'admin' },
      });
      assert.equal(made.statusCode, 201, made.body);
      return {
        userId: created.body.id as string,
        token: made.json().token as string,
        apiToken: made.json().apiToken,
      };
    }

    test('a token has no more rights than its creator has now, and dies when the creator is disabled', async () => {
      const owner = await adminWithToken();
      const asToken = { bearer: owner.token };
      const before = await svc.call(createCustomer, {
        as: asToken,
        body: { name: `by token ${owner.userId}` },
      });
      assert.equal(before.status, 201, before.text);

      const demoted = await svc.call(updateUser, { params: { id: owner.userId }, body: { role: 'viewer' } });
      assert.equal(demoted.status, 200, demoted.text);
      const newAdmin = await svc.call(createUser, {
        as: asToken,
        body: {
          email: `x-${owner.userId}@acme.test`,
          name: 'X',
          role: 'admin',
          password: 'Another-Long-Passphrase-42',
        },
      });
      assert.equal(newAdmin.status, 403, `a demoted creator's admin token made a user: ${newAdmin.text}`);

      const disabled = await svc.call(updateUser, {
        params: { id: owner.userId },
        body: { role: 'admin', disabled: true },
      });
      assert.equal(disabled.status, 200, disabled.text);
      const dead = await svc.call(createCustomer, { as: asToken, body: { name: `dead ${owner.userId}` } });
      assert.equal(dead.status, 401, `a disabled creator's token still works: ${dead.text}`);
    });

    test('tokens expire after 90 days by default, and a change made with one is audited under its name', async () => {
      const owner = await adminWithToken();
      const days = (Date.parse(owner.apiToken.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);
      const name = `audited ${owner.userId}`;
      const made = await svc.call(createCustomer, { as: { bearer: owner.token }, body: { name } });
      assert.equal(made.status, 201, made.text);
      const audit = await svc.call(listAuditEvents, { query: { action: 'customer.created' } });
      const event = audit.body.items.find((e: { message: string }) => e.message.includes(name));
      assert.ok(event, 'the change is in the audit log');
      assert.equal(event.actor.type, 'token');
      assert.equal(event.actor.id, owner.apiToken.id);
    });

    test('a token names its creator as a person, with the e-mail address beside it', async () => {
      const owner = await adminWithToken();
      assert.equal(owner.apiToken.createdByName, 'Token owner');
      assert.match(owner.apiToken.createdBy, /^owner-[0-9a-f]+@acme\.test$/);
      // The name is looked up when the list is read: a renamed creator shows under the new name.
      const renamed = await svc.call(updateUser, {
        params: { id: owner.userId },
        body: { name: 'Tanja Owner' },
      });
      assert.equal(renamed.status, 200, renamed.text);
      const listed = await svc.call(listApiTokens, {});
      const row = listed.body.items.find((t: { id: string }) => t.id === owner.apiToken.id);
      assert.deepEqual(
        { name: row.createdByName, email: row.createdBy },
        { name: 'Tanja Owner', email: owner.apiToken.createdBy },
      );
    });
  });
}
