/**
 * The emulator's sign-in flow is as strict as Entra: exact redirect URI, response_type=code, openid
 * scope, state, nonce and PKCE S256 on /authorize; the sign-in page issues a single-use code; the
 * token endpoint checks the client secret, the redirect URI and the code_verifier; the ID token is
 * signed with the key in the tenant's JWKS and carries nonce, groups and app roles.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { CLIENT_ID, CLIENT_SECRET, startTestEmulator, type TestEmulator } from './test-support.ts';

const REDIRECT = 'https://hrsync.example.test/api/v1/session/microsoft/callback';
const VERIFIER = 'a-verifier-of-more-than-forty-three-characters-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const USER = '00000000-0000-4000-8000-000000000001';
const GROUP = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('sign-in (authorization code + PKCE)', () => {
  let emu: TestEmulator;
  let base: string;
  before(async () => {
    emu = await startTestEmulator({
      apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT] }],
    });
    base = `${emu.httpUrl}/${emu.tenantId}`;
    emu.state.directory.groups.set(GROUP, { id: GROUP, displayName: 'hrsync admins', members: [USER] });
    emu.state.apps.get(CLIENT_ID)!.appRoleAssignments.set(USER, ['hrsync.Admin']);
  });
  after(() => emu.close());

  const authorize = (params: Record<string, string>) =>
    fetch(`${base}/oauth2/v2.0/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const good = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'the-state',
    nonce: 'the-nonce',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
  };

  async function codeFor(who: string): Promise<string> {
    const page = await (await authorize(good)).text();
    const flow = /name="flow" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(flow, page);
    const signedIn = await fetch(`${base}/oauth2/v2.0/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow, login: who }),
      redirect: 'manual',
    });
    assert.equal(signedIn.status, 302);
    const back = new URL(signedIn.headers.get('location')!);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('state'), 'the-state');
    return back.searchParams.get('code')!;
  }

  const redeem = async (form: Record<string, string>) => {
    const res = await fetch(`${base}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, ...form }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  test('authorize refuses what Entra refuses: the redirect URI on a page, the rest back at the client', async () => {
    const wrongRedirect = await authorize({ ...good, redirect_uri: `${REDIRECT}/x` });
    assert.equal(wrongRedirect.status, 400);
    assert.match(await wrongRedirect.text(), /AADSTS50011/);
    for (const [param, value, code] of [
      ['code_challenge', '', 'AADSTS9002325'],
      ['code_challenge_method', 'plain', 'AADSTS501491'],
      ['nonce', '', 'AADSTS900144'],
      ['response_type', 'token', 'AADSTS700054'],
      ['scope', 'profile', 'AADSTS70011'],
    ] as const) {
      const params: Record<string, string> = { ...good, [param]: value };
      if (value === '') delete params[param];
      const res = await authorize(params);
      assert.equal(res.status, 302, param);
      const back = new URL(res.headers.get('location')!);
      assert.match(back.searchParams.get('error_description') ?? '', new RegExp(code), param);
      assert.equal(back.searchParams.get('state'), 'the-state');
    }
  });

  test('the code is redeemed once, with the same redirect URI and the right verifier; the ID token is signed and complete', async () => {
    const badVerifier = await redeem({
      code: await codeFor('user1@contoso.nl'),
      redirect_uri: REDIRECT,
      client_secret: CLIENT_SECRET,
      code_verifier: `${VERIFIER}x`,
    });
    assert.equal(badVerifier.status, 400);
    assert.match(String(badVerifier.body.error_description), /AADSTS501481/);

    const code = await codeFor('user1@contoso.nl');
    const otherRedirect = await redeem({
      code,
      redirect_uri: 'https://elsewhere.test/cb',
      client_secret: CLIENT_SECRET,
      code_verifier: VERIFIER,
    });
    assert.equal(otherRedirect.status, 400, 'and the code is gone after a failed try');
    const reused = await redeem({
      code,
      redirect_uri: REDIRECT,
      client_secret: CLIENT_SECRET,
      code_verifier: VERIFIER,
    });
    assert.match(String(reused.body.error_description), /AADSTS70008/);

    const wrongSecret = await redeem({
      code: await codeFor('user1@contoso.nl'),
      redirect_uri: REDIRECT,
      client_secret: 'nope',
      code_verifier: VERIFIER,
    });
    assert.equal(wrongSecret.status, 401);

    const ok = await redeem({
      code: await codeFor('user1@contoso.nl'),
      redirect_uri: REDIRECT,
      client_secret: CLIENT_SECRET,
      code_verifier: VERIFIER,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const jwks = createRemoteJWKSet(new URL(`${base}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(String(ok.body.id_token), jwks, {
      issuer: `${emu.httpUrl}/${emu.tenantId}/v2.0`,
      audience: CLIENT_ID,
    });
    assert.equal(payload.nonce, 'the-nonce');
    assert.equal(payload.oid, USER);
    assert.equal(payload.preferred_username, 'user1@contoso.nl');
    assert.deepEqual(payload.groups, [GROUP]);
    assert.deepEqual(payload.roles, ['hrsync.Admin']);
  });

  test('an unknown or disabled user stays on the sign-in page with the reason', async () => {
    const page = await (await authorize(good)).text();
    const flow = /name="flow" value="([^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${base}/oauth2/v2.0/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow, login: 'nobody@contoso.nl' }),
      redirect: 'manual',
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /nobody@contoso\.nl does not exist in the directory/);
  });
});
