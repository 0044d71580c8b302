import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import { Agent, fetch } from 'undici';
import { createSelfSignedCertificate } from '../shared/tls.ts';
import type { RunningGraphEmulator } from './start.ts';
import { startGraphEmulator } from './start.ts';
import { CLIENT_ID, CLIENT_SECRET, smallTenant } from './test-support.ts';

const CERT_APP = 'c3c3c3c3-0000-4000-8000-000000000001';
const appCert = createSelfSignedCertificate('hrsync msal test');

/** MSAL's network module over undici, trusting the emulator's test CA. */
function networkClient(agent: Agent): INetworkModule {
  const send = async <T>(
    url: string,
    method: string,
    options?: { headers?: Record<string, string>; body?: string },
  ) => {
    const response = await fetch(url, {
      method,
      dispatcher: agent,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body === undefined ? {} : { body: options.body }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return {
      headers,
      body: (await response.json()) as T,
      status: response.status,
    } satisfies NetworkResponse<T>;
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

/** An MSAL confidential client that signs its assertions with `cert` and trusts the emulator's CA. */
function certificateApp(cert: { certPem: string; keyPem: string }, authority: string, agent: Agent) {
  const thumbprintSha256 = createHash('sha256').update(new X509Certificate(cert.certPem).raw).digest('hex');
  return new ConfidentialClientApplication({
    auth: {
      clientId: CERT_APP,
      authority,
      knownAuthorities: [new URL(authority).host],
      clientCertificate: { thumbprintSha256, privateKey: cert.keyPem },
    },
    system: { networkClient: networkClient(agent) },
  });
}

describe('@azure/msal-node against the emulator over HTTPS', () => {
  let emu: RunningGraphEmulator;
  let agent: Agent;
  before(async () => {
    emu = await startGraphEmulator({
      tenant: smallTenant(),
      apps: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        { clientId: CERT_APP, certificates: [appCert.certPem] },
      ],
      port: null,
      httpsPort: 0,
    });
    agent = new Agent({ connect: { ca: emu.caCertPem! } });
  });
  after(async () => {
    await agent.close();
    await emu.close();
  });

  const host = () => new URL(emu.url).host;

  async function listUsers(accessToken: string) {
    const response = await fetch(`${emu.graphBaseUrl}/users?$select=id,employeeId`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return { status: response.status, body: (await response.json()) as { value: unknown[] } };
  }

  test('client secret: MSAL discovers the authority and gets a token that Graph accepts', async () => {
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        authority: emu.authority,
        knownAuthorities: [host()],
      },
      system: { networkClient: networkClient(agent) },
    });
    const result = await msal.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    assert.ok(result?.accessToken);
    const users = await listUsers(result.accessToken);
    assert.equal(users.status, 200);
    assert.equal(users.body.value.length, 3);
    const requests = emu.state.requests.counts().routes;
    assert.ok(
      requests.some((r) => r.route === '/{tenant}/v2.0/.well-known/openid-configuration' && r.status === 200),
    );
  });

  test('certificate (SHA-256 thumbprint, PS256): MSAL signs the assertion and the emulator verifies it', async () => {
    const msal = certificateApp(appCert, `https://${host()}/contoso.nl`, agent);
    const result = await msal.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    assert.ok(result?.accessToken);
    assert.equal((await listUsers(result.accessToken)).status, 200);
  });

  test('the CA file is on disk while the emulator runs', () => {
    assert.ok(emu.caFile && existsSync(emu.caFile));
  });

  test('MSAL re-sends its cached assertion when skipping the token cache: accepted by default', async () => {
    const msal = certificateApp(appCert, emu.authority, agent);
    const scopes = ['https://graph.microsoft.com/.default'];
    await msal.acquireTokenByClientCredential({ scopes });
    const again = await msal.acquireTokenByClientCredential({ scopes, skipCache: true });
    assert.ok(again?.accessToken);
  });

  test('certificate with a wrong key: MSAL surfaces invalid_client', async () => {
    const stranger = createSelfSignedCertificate('not registered');
    const msal = certificateApp(stranger, emu.authority, agent);
    await assert.rejects(
      msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
      (error: { errorCode?: string; errorMessage?: string }) =>
        error.errorCode === 'invalid_client' && /AADSTS700027/.test(error.errorMessage ?? ''),
    );
  });
});

describe('rejectAssertionReplay: true', () => {
  test('refuses the assertion MSAL re-sends; the temporary CA folder is removed on close', async () => {
    const emu = await startGraphEmulator({
      tenant: smallTenant(),
      apps: [{ clientId: CERT_APP, certificates: [appCert.certPem] }],
      rejectAssertionReplay: true,
      port: null,
      httpsPort: 0,
    });
    const agent = new Agent({ connect: { ca: emu.caCertPem! } });
    try {
      const msal = certificateApp(appCert, emu.authority, agent);
      const scopes = ['https://graph.microsoft.com/.default'];
      await msal.acquireTokenByClientCredential({ scopes });
      await assert.rejects(
        msal.acquireTokenByClientCredential({ scopes, skipCache: true }),
        (error: { errorMessage?: string }) => /AADSTS700028/.test(error.errorMessage ?? ''),
      );
    } finally {
      await agent.close();
      await emu.close();
    }
    assert.ok(emu.caFile && !existsSync(emu.caFile));
  });
});
