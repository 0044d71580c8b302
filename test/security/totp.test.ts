/**
 * The TOTP second factor of local accounts (issue 10, item 4), on SQLite and PostgreSQL through the
 * real service: enrolment confirmed by a code, sign-in that is unusable until the code, no replay of
 * a code, single-use recovery codes, lock-out after wrong codes (audited once), the organisation's
 * "admins need a second factor" forcing enrolment (API tokens unaffected), and an admin's reset.
 *
 * The service runs on a clock the test moves in 30-second steps, so each sign-in can use a fresh
 * time step without waiting; codes come from the `otpauth` library and the secret the API answered.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { sha256 } from '../../src/api/auth/credentials.ts';
import {
  confirmSecondFactorEnrolment,
  createApiToken,
  createUser,
  disableSecondFactor,
  type Endpoint,
  getSecondFactor,
  getSession,
  listAuditEvents,
  listConnections,
  listUsers,
  pathFor,
  renewRecoveryCodes,
  resetUserSecondFactor,
  signIn,
  startSecondFactorEnrolment,
  updateOrganisation,
  verifySecondFactor,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

const STEP_MS = 30_000;

/** A clock the test moves: starts now, each `tick()` is one TOTP time step later. */
function movableClock() {
  let at = Date.now();
  return {
    now: () => new Date(at).toISOString(),
    ms: () => at,
    tick: (steps = 1) => {
      at += steps * STEP_MS;
    },
  };
}

const codeFor = (secret: string, atMs: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: atMs,
  });

/** A code that is surely not the current one (nor the ones either side). */
function wrongCodeFor(secret: string, atMs: number): string {
  const near = new Set([-1, 0, 1].map((d) => codeFor(secret, atMs + d * STEP_MS)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

for (const dialect of DIALECTS) {
  describe(`TOTP second factor on ${dialect}`, () => {
    let svc: Service;
    const clock = movableClock();
    let adminToken: string;
    before(async () => {
      svc = await startService(dialect, { clock });
      const made = await svc.call(createApiToken, { body: { name: 'totp suite', role: 'admin' } });
      assert.equal(made.status, 201, made.text);
      adminToken = made.body.token;
    });
    after(async () => svc?.close());

    async function inject(e: Endpoint, cookie: string | null, o: { params?: object; body?: unknown } = {}) {
      const res = await svc.app.inject({
        method: e.method,
        url: pathFor(e, (o.params ?? {}) as Record<string, string>),
        headers: cookie === null ? {} : { cookie: `hrsync_session=${cookie}` },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      });
      const set = res.cookies.find((c) => c.name === 'hrsync_session');
      return {
        status: res.statusCode,
        // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
        body: (res.body === '' ? null : res.json()) as any,
        text: res.body,
        cookie: set && set.value !== '' ? set.value : null,
      };
    }

    async function newUser(role: 'admin' | 'operator' | 'viewer') {
      const email = `totp-${role}-${randomBytes(4).toString('hex')}@acme.test`;
      const password = `Quiet-Lantern-${randomBytes(8).toString('hex')}`;
      const made = await svc.call(createUser, {
        as: { bearer: adminToken },
        body: { email, name: 'Totp Person', role, password },
      });
      assert.equal(made.status, 201, made.text);
      svc.secrets.push(password);
      return { id: made.body.id as string, email, password };
    }

    async function passwordSignIn(user: { email: string; password: string }) {
      return inject(signIn, null, { body: { email: user.email, password: user.password } });
    }

    /** A user with a confirmed second factor, and what enrolment answered. */
    async function enrolled(role: 'admin' | 'operator' | 'viewer' = 'operator') {
      const user = await newUser(role);
      const session = await passwordSignIn(user);
      assert.equal(session.status, 200, session.text);
      assert.equal(session.body.secondFactor, 'none');
      const started = await inject(startSecondFactorEnrolment, session.cookie);
      assert.equal(started.status, 201, started.text);
      const secret: string = started.body.secret;
      const confirmed = await inject(confirmSecondFactorEnrolment, session.cookie, {
        body: { code: codeFor(secret, clock.ms()) },
      });
      assert.equal(confirmed.status, 200, confirmed.text);
      clock.tick();
      return {
        ...user,
        secret,
        cookie: session.cookie!,
        recoveryCodes: confirmed.body.recoveryCodes as string[],
      };
    }

    test('enrolment: the secret is shown once, sealed at rest, never audited; on only after a right code', async () => {
      const user = await newUser('viewer');
      const { cookie } = await passwordSignIn(user);
      const started = await inject(startSecondFactorEnrolment, cookie);
      assert.equal(started.status, 201, started.text);
      const { secret, uri, secretGroups } = started.body;
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(secretGroups.replace(/ /g, ''), secret);
      assert.ok(uri.startsWith('otpauth://totp/hrsync:') && uri.includes(`secret=${secret}`), uri);

      const pending = await inject(getSecondFactor, cookie);
      assert.deepEqual(
        [pending.body.enabled, pending.body.enrolmentPending],
        [false, true],
        'not on before a code confirms it',
      );
      const wrong = await inject(confirmSecondFactorEnrolment, cookie, {
        body: { code: wrongCodeFor(secret, clock.ms()) },
      });
      assert.equal(wrong.status, 400, wrong.text);
      assert.equal((await inject(getSecondFactor, cookie)).body.enabled, false);

      const confirmed = await inject(confirmSecondFactorEnrolment, cookie, {
        body: { code: codeFor(secret, clock.ms()) },
      });
      assert.equal(confirmed.status, 200, confirmed.text);
      assert.equal(confirmed.body.recoveryCodes.length, 10);
      assert.equal(new Set(confirmed.body.recoveryCodes).size, 10);
      const status = await inject(getSecondFactor, cookie);
      assert.deepEqual([status.body.enabled, status.body.recoveryCodesLeft], [true, 10]);
      assert.ok(!status.text.includes(secret), 'the secret is never answered again');
      const again = await inject(startSecondFactorEnrolment, cookie);
      assert.equal(again.status, 409, 'a second enrolment needs the first turned off');

      const rows = await svc.store.db.selectFrom('second_factors').selectAll().execute();
      const codes = await svc.store.db.selectFrom('recovery_codes').selectAll().execute();
      const stored = JSON.stringify([rows, codes]);
      assert.ok(!stored.includes(secret), 'the secret is sealed at rest');
      for (const code of confirmed.body.recoveryCodes) assert.ok(!stored.includes(code.replace('-', '')));
      const events = await svc.call(listAuditEvents, {
        as: { bearer: adminToken },
        query: { pageSize: 500 },
      });
      const audited = JSON.stringify(events.body);
      assert.ok(audited.includes('user.second-factor-enabled'), 'the enrolment is audited');
      assert.ok(!audited.includes(secret) && !audited.includes(confirmed.body.recoveryCodes[0]));
      assert.ok(!svc.logLines.join('\n').includes(secret), 'the secret is never logged');
      clock.tick();
    });

    test('sign-in: the password alone opens nothing until the code; then a new session', async () => {
      const user = await enrolled();
      const first = await passwordSignIn(user);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.secondFactor, 'pending');
      assert.equal(first.body.user, undefined, 'nothing about the account before the code');
      for (const e of [getSession, listConnections]) {
        const res = await inject(e, first.cookie);
        assert.equal(res.status, 401, `${e.operationId} with a pending session: ${res.text}`);
        assert.equal(res.body.error.code, 'HRS_SECOND_FACTOR_PENDING');
      }
      const done = await inject(verifySecondFactor, first.cookie, {
        body: { code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.secondFactor, 'used');
      assert.ok(done.cookie && done.cookie !== first.cookie, 'a new session id once the code is proven');
      assert.equal((await inject(listConnections, done.cookie)).status, 200);
      assert.equal((await inject(listConnections, first.cookie)).status, 401, 'the pending id is dead');
      const noCookie = await inject(verifySecondFactor, null, {
        body: { code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(noCookie.status, 401, 'a code without the password first opens nothing');
      clock.tick();
    });

    test('a code is never accepted twice, even within its window', async () => {
      const user = await enrolled();
      const code = codeFor(user.secret, clock.ms());
      const first = await passwordSignIn(user);
      const ok = await inject(verifySecondFactor, first.cookie, { body: { code } });
      assert.equal(ok.status, 200, ok.text);
      const second = await passwordSignIn(user);
      const replayed = await inject(verifySecondFactor, second.cookie, { body: { code } });
      assert.equal(replayed.status, 401, `replayed code: ${replayed.text}`);
      // An older code (the step before) is refused too, once a later one was used.
      const older = await inject(verifySecondFactor, second.cookie, {
        body: { code: codeFor(user.secret, clock.ms() - STEP_MS) },
      });
      assert.equal(older.status, 401, older.text);
      clock.tick();
      const next = await inject(verifySecondFactor, second.cookie, {
        body: { code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(next.status, 200, `the next step's code works: ${next.text}`);
      clock.tick();
    });

    test('a recovery code works once; new ones replace the old', async () => {
      const user = await enrolled();
      const [recovery] = user.recoveryCodes;
      const first = await passwordSignIn(user);
      const ok = await inject(verifySecondFactor, first.cookie, { body: { code: recovery!.toUpperCase() } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal((await inject(getSecondFactor, ok.cookie)).body.recoveryCodesLeft, 9);
      const second = await passwordSignIn(user);
      const reused = await inject(verifySecondFactor, second.cookie, { body: { code: recovery } });
      assert.equal(reused.status, 401, `a used recovery code: ${reused.text}`);

      const renewed = await inject(renewRecoveryCodes, ok.cookie, {
        body: { code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(renewed.status, 200, renewed.text);
      assert.equal(renewed.body.recoveryCodes.length, 10);
      const old = await inject(verifySecondFactor, second.cookie, { body: { code: user.recoveryCodes[1] } });
      assert.equal(old.status, 401, 'the earlier recovery codes stopped working');
      const fresh = await inject(verifySecondFactor, second.cookie, {
        body: { code: renewed.body.recoveryCodes[0] },
      });
      assert.equal(fresh.status, 200, fresh.text);
      clock.tick();
    });

    test('wrong codes lock the account like wrong passwords, with one audit event', async () => {
      const user = await enrolled();
      const { cookie } = await passwordSignIn(user);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await inject(verifySecondFactor, cookie, {
          body: { code: wrongCodeFor(user.secret, clock.ms()) },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const right = await inject(verifySecondFactor, cookie, {
        body: { code: codeFor(user.secret, clock.ms()) },
      });
      assert.notEqual(right.status, 200, 'the pending sign-in ended with the lock-out');
      const password = await passwordSignIn(user);
      assert.equal(password.status, 429, 'the account is locked for the password too');
      const lockouts = await svc.call(listAuditEvents, {
        as: { bearer: adminToken },
        query: { action: 'session.locked-out', pageSize: 500 },
      });
      const mine = lockouts.body.items.filter((e: { actor: { id: string } }) => e.actor.id === user.id);
      assert.equal(mine.length, 1, 'one audit event per lock-out');

      // A right password between wrong codes does not reset the count.
      const other = await enrolled();
      for (let round = 0; round < 2; round++) {
        const s = await passwordSignIn(other);
        assert.equal(s.status, 200, s.text);
        for (let i = 0; i < 2; i++)
          await inject(verifySecondFactor, s.cookie, {
            body: { code: wrongCodeFor(other.secret, clock.ms()) },
          });
      }
      const s = await passwordSignIn(other);
      const fifth = await inject(verifySecondFactor, s.cookie, {
        body: { code: wrongCodeFor(other.secret, clock.ms()) },
      });
      assert.equal(fifth.status, 429, `the fifth wrong code locks: ${fifth.text}`);
      clock.tick();
    });

    test('the organisation can require admins to enrol; tokens, operators and Microsoft sign-ins are unaffected', async () => {
      const admin = await newUser('admin');
      const operator = await newUser('operator');
      const refused = await svc.call(updateOrganisation, {
        as: 'operator',
        body: { requireAdminSecondFactor: true },
      });
      assert.equal(refused.status, 403, 'admin-only');
      const on = await svc.call(updateOrganisation, {
        as: { bearer: adminToken },
        body: { requireAdminSecondFactor: true },
      });
      assert.equal(on.status, 200, on.text);
      assert.equal(on.body.requireAdminSecondFactor, true);
      try {
        const session = await passwordSignIn(admin);
        assert.equal(session.status, 200, session.text);
        assert.equal(session.body.secondFactorRequired, true);
        const blocked = await inject(listConnections, session.cookie);
        assert.equal(blocked.status, 403, blocked.text);
        assert.equal(blocked.body.error.code, 'HRS_SECOND_FACTOR_REQUIRED');
        assert.equal((await inject(listUsers, session.cookie)).status, 403);
        assert.equal((await inject(getSession, session.cookie)).body.secondFactorRequired, true);
        assert.equal((await inject(getSecondFactor, session.cookie)).body.required, true);

        const operatorSession = await passwordSignIn(operator);
        assert.equal(
          (await inject(listConnections, operatorSession.cookie)).status,
          200,
          'operators are not asked',
        );
        const byToken = await svc.call(listConnections, { as: { bearer: adminToken } });
        assert.equal(byToken.status, 200, 'API tokens are unaffected');
        // A session from Sign in with Microsoft (routes/microsoft-sign-in.ts stores it so): Entra did the MFA.
        const microsoftId = randomBytes(32).toString('base64url');
        const adminUser = await svc.store.users.get(svc.organisationId, admin.id);
        const expires = new Date(clock.ms() + 3_600_000).toISOString();
        await svc.store.sessions.create(sha256(microsoftId), adminUser!, expires, 'microsoft');
        assert.equal(
          (await inject(listConnections, microsoftId)).status,
          200,
          'Microsoft sign-ins are not asked',
        );

        const started = await inject(startSecondFactorEnrolment, session.cookie);
        assert.equal(started.status, 201, started.text);
        const confirmed = await inject(confirmSecondFactorEnrolment, session.cookie, {
          body: { code: codeFor(started.body.secret, clock.ms()) },
        });
        assert.equal(confirmed.status, 200, confirmed.text);
        assert.equal(
          (await inject(listConnections, session.cookie)).status,
          200,
          'enrolled: everything works',
        );
        clock.tick();
        const off = await inject(disableSecondFactor, session.cookie, {
          body: { password: admin.password, code: codeFor(started.body.secret, clock.ms()) },
        });
        assert.equal(off.status, 409, 'an admin cannot turn it off while the organisation requires it');
        const events = await svc.call(listAuditEvents, {
          as: { bearer: adminToken },
          query: { action: 'organisation.updated', pageSize: 500 },
        });
        assert.ok(
          events.body.items.some((e: { details: object }) =>
            JSON.stringify(e.details).includes('requireAdminSecondFactor'),
          ),
          'the setting change is audited',
        );
      } finally {
        const offAgain = await svc.call(updateOrganisation, {
          as: { bearer: adminToken },
          body: { requireAdminSecondFactor: false },
        });
        assert.equal(offAgain.status, 200, offAgain.text);
      }
      clock.tick();
    });

    test('an admin resets a lost second factor: audited, sessions ended, password alone works again', async () => {
      const user = await enrolled('viewer');
      const other = await svc.call(resetUserSecondFactor, { as: 'otherAdmin', params: { id: user.id } });
      assert.equal(other.status, 404, 'not across organisations');
      const byViewer = await svc.call(resetUserSecondFactor, { as: 'viewer', params: { id: user.id } });
      assert.equal(byViewer.status, 403);
      const listed = await svc.call(listUsers, { as: { bearer: adminToken } });
      assert.equal(listed.body.items.find((u: { id: string }) => u.id === user.id).secondFactor, true);

      const reset = await svc.call(resetUserSecondFactor, {
        as: { bearer: adminToken },
        params: { id: user.id },
      });
      assert.equal(reset.status, 200, reset.text);
      assert.equal(reset.body.secondFactor, false);
      assert.equal((await inject(getSession, user.cookie)).status, 401, 'their sessions ended');
      const again = await svc.call(resetUserSecondFactor, {
        as: { bearer: adminToken },
        params: { id: user.id },
      });
      assert.equal(again.status, 409, 'nothing left to reset');
      const signedIn = await passwordSignIn(user);
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.body.secondFactor, 'none', 'the password alone signs in again');
      const events = await svc.call(listAuditEvents, {
        as: { bearer: adminToken },
        query: { action: 'user.second-factor-reset', pageSize: 500 },
      });
      assert.ok(
        events.body.items.some((e: { details: { userId?: string } }) => e.details.userId === user.id),
      );
    });

    test('turning it off needs the password and a code; tokens cannot manage a second factor', async () => {
      const user = await enrolled();
      const wrongPassword = await inject(disableSecondFactor, user.cookie, {
        body: { password: 'not-the-password-at-all', code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(wrongPassword.status, 400, wrongPassword.text);
      const off = await inject(disableSecondFactor, user.cookie, {
        body: { password: user.password, code: codeFor(user.secret, clock.ms()) },
      });
      assert.equal(off.status, 204, off.text);
      assert.equal((await inject(getSecondFactor, user.cookie)).body.enabled, false);
      const signedIn = await passwordSignIn(user);
      assert.equal(signedIn.body.secondFactor, 'none');
      for (const e of [getSecondFactor, startSecondFactorEnrolment]) {
        const res = await svc.call(e, { as: { bearer: adminToken } });
        assert.equal(res.status, 403, `${e.operationId} by token: ${res.text}`);
      }
      clock.tick();
    });
  });
}
