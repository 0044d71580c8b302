import assert from 'node:assert/strict';
import { createHash, createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import { createSelfSignedCertificate } from '../shared/tls.ts';
import { CLIENT_ID, CLIENT_SECRET, startTestEmulator, type TestEmulator } from './test-support.ts';

const CERT_APP = '7e57ce27-0000-4000-8000-00000000c0de';
const READER_APP = 'bead0000-0000-4000-8000-0000000000aa';
const cert = createSelfSignedCertificate('hrsync test app');
const otherCert = createSelfSignedCertificate('someone else');
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

function thumbprint(pem: string, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(new X509Certificate(pem).raw).digest('base64url');
}

describe('identity platform', () => {
  let emu: TestEmulator;
  let tokenUrl: string;
  before(async () => {
    emu = await startTestEmulator({
      apps: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        { clientId: CERT_APP, certificates: [cert.certPem] },
        { clientId: READER_APP, clientSecret: CLIENT_SECRET, permissions: ['User.Read.All'] },
      ],
      rejectAssertionReplay: true,
    });
    tokenUrl = `${emu.httpUrl}/${emu.tenantId}/oauth2/v2.0/token`;
  });
  after(() => emu.close());

  async function tokenRequest(
    form: Record<string, string>,
    headers: Record<string, string> = {},
    url = tokenUrl,
  ) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    // biome-ignore lint/suspicious/noExplicitAny: inspected structurally
    return { status: response.status, body: (await response.json()) as any };
  }

  const secretForm = (overrides: Record<string, string> = {}) => ({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    scope: GRAPH_SCOPE,
    ...overrides,
  });

  async function assertion(
    options: { claims?: Record<string, unknown>; header?: Record<string, unknown>; signWith?: string } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    const key = createPrivateKey(options.signWith ?? cert.keyPem);
    return new SignJWT({
      aud: tokenUrl,
      iss: CERT_APP,
      sub: CERT_APP,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
      ...options.claims,
    })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        x5t: thumbprint(cert.certPem, 'sha1'),
        ...options.header,
      })
      .sign(key);
  }

  const assertionForm = (clientAssertion: string) => ({
    grant_type: 'client_credentials',
    client_id: CERT_APP,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion,
    scope: GRAPH_SCOPE,
  });

  test('OpenID metadata names this emulator, by tenant id or verified domain', async () => {
    for (const segment of [emu.tenantId, 'contoso.nl']) {
      const response = await fetch(`${emu.httpUrl}/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(response.status, 200);
      const config = (await response.json()) as Record<string, string>;
      assert.equal(config.token_endpoint, tokenUrl);
      assert.equal(config.issuer, `${emu.httpUrl}/${emu.tenantId}/v2.0`);
      assert.equal(config.jwks_uri, `${emu.httpUrl}/${emu.tenantId}/discovery/v2.0/keys`);
      assert.equal(config.authorization_endpoint, `${emu.httpUrl}/${emu.tenantId}/oauth2/v2.0/authorize`);
    }
    const keys = (await (await fetch(`${emu.httpUrl}/${emu.tenantId}/discovery/v2.0/keys`)).json()) as {
      keys: { kty: string; kid: string }[];
    };
    assert.equal(keys.keys[0]?.kty, 'RSA');
  });

  test('client secret in the body, or as HTTP Basic, gives a Graph token with the app roles', async () => {
    const viaBody = await tokenRequest(secretForm());
    assert.equal(viaBody.status, 200);
    assert.equal(viaBody.body.token_type, 'Bearer');
    assert.equal(viaBody.body.expires_in, 3599);
    const claims = JSON.parse(Buffer.from(viaBody.body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.tid, emu.tenantId);
    assert.equal(claims.appid, CLIENT_ID);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.ok(claims.roles.includes('User.ReadWrite.All'));

    const basic = Buffer.from(
      `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`,
    ).toString('base64');
    const { client_id: _id, client_secret: _secret, ...form } = secretForm();
    const viaBasic = await tokenRequest(form, { authorization: `Basic ${basic}` });
    assert.equal(viaBasic.status, 200);
    const users = await emu.call('GET', '/users', { token: viaBasic.body.access_token });
    assert.equal(users.status, 200);
  });

  test('a verified domain works as the tenant segment; an unknown tenant is AADSTS90002', async () => {
    assert.equal(
      (await tokenRequest(secretForm(), {}, `${emu.httpUrl}/contoso.nl/oauth2/v2.0/token`)).status,
      200,
    );
    const unknown = await tokenRequest(secretForm(), {}, `${emu.httpUrl}/fabrikam.com/oauth2/v2.0/token`);
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.error_codes, [90002]);
    for (const field of ['error', 'error_description', 'timestamp', 'trace_id', 'correlation_id']) {
      assert.equal(typeof unknown.body[field], 'string', field);
    }
    assert.match(unknown.body.error_description, /^AADSTS90002: Tenant 'fabrikam.com' not found/);
  });

  test('wrong secret, unknown client, bad scopes and wrong grants answer like Entra', async () => {
    const cases: [Record<string, string>, number, string, number][] = [
      [secretForm({ client_secret: 'nope' }), 401, 'invalid_client', 7000215],
      [secretForm({ client_id: randomUUID() }), 400, 'unauthorized_client', 700016],
      [secretForm({ scope: 'User.Read' }), 400, 'invalid_scope', 1002012],
      [secretForm({ scope: 'https://graph.microsoft.com/User.Read' }), 400, 'invalid_scope', 1002012],
      [secretForm({ scope: '' }), 400, 'invalid_scope', 70011],
      [secretForm({ scope: 'https://vault.azure.net/.default' }), 400, 'invalid_resource', 500011],
      [secretForm({ grant_type: 'password' }), 400, 'unsupported_grant_type', 70003],
      [
        { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: GRAPH_SCOPE },
        400,
        'invalid_request',
        900144,
      ],
      [
        { grant_type: 'client_credentials', client_id: CLIENT_ID, scope: GRAPH_SCOPE },
        401,
        'invalid_client',
        7000218,
      ],
    ];
    for (const [form, status, error, code] of cases) {
      const answer = await tokenRequest(form);
      assert.equal(answer.status, status, JSON.stringify(form));
      assert.equal(answer.body.error, error, JSON.stringify(form));
      assert.deepEqual(answer.body.error_codes, [code], JSON.stringify(form));
      assert.match(answer.body.error_description, new RegExp(`^AADSTS${code}:`));
    }
  });

  test('a certificate assertion (RS256 + x5t, or PS256 + x5t#S256) gives a token', async () => {
    const rs256 = await tokenRequest(assertionForm(await assertion()));
    assert.equal(rs256.status, 200, JSON.stringify(rs256.body));
    const claims = JSON.parse(Buffer.from(rs256.body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.appidacr, '2');

    const ps256 = await tokenRequest(
      assertionForm(
        await new SignJWT({ aud: tokenUrl, iss: CERT_APP, sub: CERT_APP, jti: randomUUID() })
          .setProtectedHeader({ alg: 'PS256', 'x5t#S256': thumbprint(cert.certPem, 'sha256') })
          .setNotBefore('0s')
          .setExpirationTime('10m')
          .sign(createPrivateKey(cert.keyPem)),
      ),
    );
    assert.equal(ps256.status, 200, JSON.stringify(ps256.body));
  });

  test('bad client assertions are refused, each for its own reason', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const cases: [string, Promise<string>, number][] = [
      ['wrong audience', assertion({ claims: { aud: 'https://example.com/token' } }), 700023],
      ['iss is not the client', assertion({ claims: { iss: CLIENT_ID } }), 700023],
      ['sub differs from iss', assertion({ claims: { sub: CLIENT_ID } }), 50048],
      ['expired', assertion({ claims: { exp: past, nbf: past - 600 } }), 700024],
      ['not yet valid', assertion({ claims: { nbf: past + 7200 * 2 } }), 700024],
      ['no jti', assertion({ claims: { jti: undefined } }), 700023],
      [
        'unregistered certificate',
        assertion({ header: { x5t: thumbprint(otherCert.certPem, 'sha1') } }),
        700027,
      ],
      ['signed by another key', assertion({ signWith: otherCert.keyPem }), 700027],
      ['no thumbprint header', assertion({ header: { x5t: undefined } }), 700023],
    ];
    for (const [why, pending, code] of cases) {
      const answer = await tokenRequest(assertionForm(await pending));
      assert.equal(answer.status, 401, why);
      assert.equal(answer.body.error, 'invalid_client', why);
      assert.deepEqual(answer.body.error_codes, [code], why);
    }
    const hs256 = await new SignJWT({ iss: CERT_APP })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32));
    assert.deepEqual((await tokenRequest(assertionForm(hs256))).body.error_codes, [50027]);
    const wrongType = await tokenRequest({
      ...assertionForm(await assertion()),
      client_assertion_type: 'jwt',
    });
    assert.deepEqual(wrongType.body.error_codes, [50027]);
  });

  test('a client assertion cannot be used twice (jti replay)', async () => {
    const once = await assertion();
    assert.equal((await tokenRequest(assertionForm(once))).status, 200);
    const again = await tokenRequest(assertionForm(once));
    assert.equal(again.status, 401);
    assert.deepEqual(again.body.error_codes, [700028]);
  });

  test('Graph refuses missing, forged and foreign tokens with 401 InvalidAuthenticationToken', async () => {
    const missing = await emu.call('GET', '/users', { token: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'InvalidAuthenticationToken');
    assert.equal(missing.body.error.message, 'Access token is empty.');

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ tid: emu.tenantId, appid: CLIENT_ID, roles: ['User.ReadWrite.All'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setAudience('https://graph.microsoft.com')
      .setIssuer(`https://sts.windows.net/${emu.tenantId}/`)
      .setExpirationTime('1h')
      .sign(privateKey);
    const refused = await emu.call('GET', '/users', { token: forged });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'InvalidAuthenticationToken');
    assert.ok(refused.body.error.innerError['request-id']);
    assert.equal((await emu.call('GET', '/users', { token: 'not.a.jwt' })).status, 401);
  });

  test('a token without the needed permission gets 403 Authorization_RequestDenied', async () => {
    const reader = (await tokenRequest(secretForm({ client_id: READER_APP }))).body.access_token;
    assert.equal((await emu.call('GET', '/users', { token: reader })).status, 200);
    const denied = await emu.call('PATCH', `/users/user1@contoso.nl`, {
      token: reader,
      body: { jobTitle: 'x' },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
    assert.equal(denied.body.error.message, 'Insufficient privileges to complete the operation.');
  });
});

describe('token lifetime', () => {
  test('an expired access token is refused with 401', async () => {
    let now = Date.now();
    const emu = await startTestEmulator({ now: () => now, tokenLifetimeSeconds: 60 });
    try {
      const token = await emu.token();
      assert.equal((await emu.call('GET', '/users', { token })).status, 200);
      now += 61_000;
      const expired = await emu.call('GET', '/users', { token });
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error.code, 'InvalidAuthenticationToken');
      assert.match(expired.body.error.message, /expired/);
    } finally {
      await emu.close();
    }
  });
});
