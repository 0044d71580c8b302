/**
 * HRSYNC_EXTRA_CA_FILE applies to AFAS as it does to Graph (README's settings table): the service's
 * adapters, composed from its environment as `hrsync serve` composes them, read an AFAS emulator
 * that speaks only HTTPS with a certificate from a private CA. Without the CA file the same server is
 * not trusted and the read fails at once; AFAS and Graph both name the setting that would trust it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { generateCompany } from '../../emulators/demo-data/index.ts';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { loadServiceConfig } from '../../src/app/index.ts';
import { openRuntime, type Runtime } from '../../src/app/runtime.ts';
import { HrsyncError, type SourceConfig } from '../../src/core/index.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../support/tls-server.ts';

const USERS = 'T4E_HelloID_Users_v2';
const EMPLOYMENTS = 'T4E_HelloID_Employments_v2';
const UNITS = 'T4E_HelloID_OrganizationalUnits_v2';

describe('AFAS over HTTPS from a private CA, with and without HRSYNC_EXTRA_CA_FILE', () => {
  let dir: string;
  let caFile: string;
  let afas: RunningAfasEmulator;
  let graph: CountingTlsServer;
  const dataset = generateCompany({ persons: 5, seed: 20261207 }).afas;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-afas-ca-'));
    const pki = createTestPki({ dir: join(dir, 'pki'), hosts: ['127.0.0.1'] });
    caFile = pki.caFile ?? assert.fail('the CA is a file');
    afas = await startAfasEmulator({ dataset, port: null, httpsPort: 0, tls: pki });
    // Graph and the sign-in at a server whose CA is another private one.
    graph = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
  });
  after(async () => {
    await afas?.close();
    await graph?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The service's adapters as composed from `env`. */
  async function withRuntime<T>(name: string, env: Record<string, string>, use: (r: Runtime) => Promise<T>) {
    const config = loadServiceConfig({ dataDir: join(dir, name), logLevel: 'silent' }, env);
    const runtime = await openRuntime(config);
    try {
      return await use(runtime);
    } finally {
      await runtime.store.close();
    }
  }

  const source = (): SourceConfig => ({
    type: 'afas-profit',
    environment: { baseUrl: afas.baseUrl },
    token: { value: afas.token.xml },
    connectors: { users: USERS, employments: EMPLOYMENTS, organizationalUnits: UNITS },
    pageSize: 100,
    parallel: 1,
  });

  test('without the CA file the certificate is not trusted: the read fails at once and names the setting', async () => {
    assert.match(afas.baseUrl, /^https:/);
    const read = withRuntime('without', {}, (r) => r.connectors.source(source(), afas.token.data).read({}));
    await assert.rejects(read, (error: unknown) => {
      assert.ok(error instanceof HrsyncError);
      assert.equal(error.retryable, false);
      assert.match(
        error.message,
        /certificate authority that is not trusted; name its certificate authority in HRSYNC_EXTRA_CA_FILE/,
      );
      return true;
    });
    assert.equal(afas.state.requests.count({}), 0, 'no request got through the TLS handshake');
  });

  test('with HRSYNC_EXTRA_CA_FILE naming the CA, AFAS is read over HTTPS', async () => {
    const snapshot = await withRuntime('with', { HRSYNC_EXTRA_CA_FILE: caFile }, (r) =>
      r.connectors.source(source(), afas.token.data).read({}),
    );
    const expected = dataset.connectors.find((c) => c.id === USERS)?.rows.length;
    assert.ok(expected, 'the dataset has users');
    assert.equal(snapshot.users.length, expected);
  });

  test("Graph's sign-in at a server from another private CA names the same setting", async () => {
    const result = await withRuntime('graph', { HRSYNC_EXTRA_CA_FILE: caFile }, async (r) => {
      const target = r.connectors.target(
        {
          type: 'entra',
          tenantId: '11111111-1111-1111-1111-111111111111',
          clientId: '22222222-2222-2222-2222-222222222222',
          credential: { type: 'secret', secret: { value: 'not used' } },
          defaultDomain: 'acme.test',
          authorityHost: graph.url,
          graphBaseUrl: graph.url,
          usePasswordProfile: true,
        },
        { clientSecret: 'a client secret' },
      );
      try {
        return await target.test();
      } finally {
        await target.close?.();
      }
    });
    assert.equal(result.ok, false);
    assert.match(
      result.message,
      new RegExp(
        `at 127\\.0\\.0\\.1:${graph.port}: its TLS certificate was issued by a certificate authority that is not trusted; name its certificate authority in HRSYNC_EXTRA_CA_FILE`,
      ),
    );
  });
});
