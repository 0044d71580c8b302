/**
 * Invitations end to end, on both stores: an admin invites a colleague with a role; without a mail
 * server the admin gets the one-time link, with one (a real SMTP server, smtp-server) it is e-mailed
 * and not shown. The token is stored only hashed; the link shows what it is for, sets a password
 * under the usual strength rules, works once, can be resent (the old link dies) or revoked, expires,
 * and the accept endpoints are rate limited. Nothing tells an admin about another organisation's
 * addresses. Every step is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  acceptInvitation,
  acceptInvitationWithMicrosoft,
  createInvitation,
  listAuditEvents,
  listInvitations,
  listUsers,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
  setNotifications,
  signIn,
} from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { DIALECTS } from './support/databases.ts';
import { type Service, startService } from './support/service.ts';

const tokenOf = (link: string): string => {
  const m = /#\/invitation\/([A-Za-z0-9_-]+)$/.exec(link);
  assert.ok(m, `a console link with the token in the fragment: ${link}`);
  return m[1]!;
};
const STRONG = 'correct horse battery staple 42';

for (const dialect of DIALECTS) {
  describe(`invitations on ${dialect}`, () => {
    let svc: Service;
    let smtp: MailCollector;

    before(async () => {
      smtp = await startMailCollector();
      svc = await startService(dialect);
    });
    after(async () => {
      await svc?.close();
      await smtp?.close();
    });

    test('invite without a mail server: the admin gets the link; accept with a password, then sign in; audited', async () => {
      for (const as of ['operator', 'viewer'] as const) {
        const refused = await svc.call(createInvitation, {
          as,
          body: { email: 'x@acme.test', name: 'X', role: 'viewer' },
        });
        assert.equal(refused.status, 403, refused.text);
      }
      const created = await svc.call(createInvitation, {
        body: { email: 'Petra.Jansen@Acme.test', name: 'Petra Jansen', role: 'operator' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.emailed, false);
      assert.match(created.body.message, /Copy the link/);
      assert.ok(created.body.link.startsWith('https://hrsync.example.test/#/invitation/'));
      const token = tokenOf(created.body.link);
      svc.secrets.push(token);
      assert.equal(created.body.invitation.email, 'petra.jansen@acme.test');
      assert.equal(created.body.invitation.role, 'operator');
      const days = (Date.parse(created.body.invitation.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `valid for 7 days, got ${days}`);

      // Hashed at rest: the token appears nowhere in the table.
      const rows = await svc.store.db.selectFrom('invitations').selectAll().execute();
      assert.ok(rows.length >= 1 && rows.every((r) => !JSON.stringify(r).includes(token)));

      const list = await svc.call(listInvitations);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.mailServer, false);
      assert.deepEqual(
        list.body.items.map((i: { email: string; expired: boolean }) => [i.email, i.expired]),
        [['petra.jansen@acme.test', false]],
      );
      assert.ok(!list.text.includes(token), 'the list never shows a link');

      const preview = await svc.call(previewInvitation, { as: null, body: { token } });
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.body.email, 'petra.jansen@acme.test');
      assert.equal(preview.body.role, 'operator');
      assert.equal(preview.body.microsoftSignIn, false);
      // The console shows the expiry in the organisation's zone, as every other time.
      assert.equal(preview.body.timeZone, 'Europe/Amsterdam');
      assert.ok(preview.body.organisation.length > 0);

      const weak = await svc.call(acceptInvitation, { as: null, body: { token, password: 'petrajansen1' } });
      assert.equal(weak.status, 400, weak.text);
      const accepted = await svc.call(acceptInvitation, { as: null, body: { token, password: STRONG } });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.body.email, 'petra.jansen@acme.test');
      const again = await svc.call(acceptInvitation, { as: null, body: { token, password: STRONG } });
      assert.equal(again.status, 404, 'a link works once');
      assert.equal((await svc.call(previewInvitation, { as: null, body: { token } })).status, 404);

      const signedIn = await svc.call(signIn, {
        as: null,
        body: { email: 'petra.jansen@acme.test', password: STRONG },
      });
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.body.role, 'operator');
      const users = await svc.call(listUsers);
      assert.ok(users.body.items.some((u: { email: string }) => u.email === 'petra.jansen@acme.test'));
      assert.deepEqual((await svc.call(listInvitations)).body.items, [], 'no longer pending');

      const audit = await svc.call(listAuditEvents, { query: { pageSize: 200 } });
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      for (const a of ['invitation.created', 'invitation.accepted', 'user.created'])
        assert.ok(actions.includes(a), `${a} audited`);
      assert.ok(!audit.text.includes(token), 'the token is never audited');
    });

    test('conflicts speak only of this organisation; resend replaces the link; revoke ends it; expiry', async () => {
      const own = await svc.call(createInvitation, {
        body: { email: svc.users.viewer.email, name: 'Vera', role: 'admin' },
      });
      assert.equal(own.status, 409, 'an address of this organisation’s own user');
      // Another organisation's admin address: invitable here, and nothing hints that it exists.
      const other = await svc.call(createInvitation, {
        body: { email: svc.users.otherAdmin.email, name: 'Someone', role: 'viewer' },
      });
      assert.equal(other.status, 201, other.text);
      assert.ok(!other.text.includes('other organisation'));
      const twice = await svc.call(createInvitation, {
        body: { email: svc.users.otherAdmin.email, name: 'Someone', role: 'viewer' },
      });
      assert.equal(twice.status, 409);
      assert.match(twice.body.error.message, /pending invitation/);
      const first = tokenOf(other.body.link);

      // The other organisation's admin sees none of it, and cannot resend or revoke it.
      const theirs = await svc.call(listInvitations, { as: 'otherAdmin' });
      assert.deepEqual(theirs.body.items, []);
      const id = other.body.invitation.id;
      assert.equal((await svc.call(revokeInvitation, { as: 'otherAdmin', params: { id } })).status, 404);
      assert.equal((await svc.call(resendInvitation, { as: 'otherAdmin', params: { id } })).status, 404);

      const resent = await svc.call(resendInvitation, { params: { id } });
      assert.equal(resent.status, 200, resent.text);
      assert.equal(resent.body.invitation.sendCount, 2);
      const second = tokenOf(resent.body.link);
      assert.notEqual(second, first);
      assert.equal((await svc.call(previewInvitation, { as: null, body: { token: first } })).status, 404);
      assert.equal((await svc.call(previewInvitation, { as: null, body: { token: second } })).status, 200);

      const revoked = await svc.call(revokeInvitation, { params: { id } });
      assert.equal(revoked.status, 200, revoked.text);
      assert.equal((await svc.call(previewInvitation, { as: null, body: { token: second } })).status, 404);
      assert.equal((await svc.call(revokeInvitation, { params: { id } })).status, 404);

      const expiring = await svc.call(createInvitation, {
        body: { email: 'late@acme.test', name: 'Late', role: 'viewer' },
      });
      await svc.store.db
        .updateTable('invitations')
        .set({ expires_at: '2020-01-01T00:00:00.000Z' })
        .where('id', '=', expiring.body.invitation.id)
        .execute();
      const token = tokenOf(expiring.body.link);
      const late = await svc.call(previewInvitation, { as: null, body: { token } });
      assert.equal(late.status, 409, late.text);
      // In the one format and the organisation's zone, not a bare `2020-01-01`.
      assert.match(late.body.error.message, /expired on 1 Jan 2020, 01:00 CET\. /);
      const listed = await svc.call(listInvitations);
      assert.ok(listed.body.items.some((i: { email: string; expired: boolean }) => i.expired));
      assert.equal(
        (await svc.call(acceptInvitation, { as: null, body: { token, password: STRONG } })).status,
        409,
      );
      // Microsoft is not on for this organisation: the Microsoft path refuses clearly.
      const fresh = await svc.call(resendInvitation, { params: { id: expiring.body.invitation.id } });
      const ms = await svc.call(acceptInvitationWithMicrosoft, {
        as: null,
        body: { token: tokenOf(fresh.body.link) },
      });
      assert.equal(ms.status, 409, ms.text);

      const audit = await svc.call(listAuditEvents, { query: { pageSize: 200 } });
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      for (const a of ['invitation.resent', 'invitation.revoked'])
        assert.ok(actions.includes(a), `${a} audited`);
    });

    test('with a mail server the invitation is e-mailed and the link is not shown', async () => {
      const saved = await svc.call(setNotifications, {
        body: {
          events: [],
          emails: [],
          webhooks: [],
          smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'hrsync@acme.test' },
        },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal((await svc.call(listInvitations)).body.mailServer, true);
      const created = await svc.call(createInvitation, {
        body: { email: 'mail.me@acme.test', name: 'Mail Me', role: 'viewer' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.emailed, true, created.body.message);
      assert.equal(created.body.link, null);
      const mail = smtp.mails.find((m) => m.to.includes('mail.me@acme.test'));
      assert.ok(mail, 'the invitation reached the mail server');
      assert.match(mail.raw, /invited you to hrsync/);
      const link = /https:\/\/hrsync\.example\.test\/#\/invitation\/[A-Za-z0-9_-]+/.exec(mail.raw)?.[0];
      assert.ok(link);
      const accepted = await svc.call(acceptInvitation, {
        as: null,
        body: { token: tokenOf(link), name: 'Mail Me Too', password: STRONG },
      });
      assert.equal(accepted.status, 200, accepted.text);
    });

    test('malformed tokens are refused as input; guessing is rate limited per address', async () => {
      for (const token of ['', 'short', 'has spaces in it and is long enough', 'x'.repeat(500)]) {
        const r = await svc.call(previewInvitation, { as: null, body: { token } });
        assert.equal(r.status, 400, `${JSON.stringify(token)}: ${r.text}`);
      }
      let limited = false;
      for (let i = 0; i < 40 && !limited; i++) {
        const r = await svc.call(previewInvitation, {
          as: null,
          body: { token: `guess${i}-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` },
        });
        assert.ok(r.status === 404 || r.status === 429, r.text);
        limited = r.status === 429;
      }
      assert.ok(limited, 'guessing runs into the rate limit');
    });
  });
}
