/**
 * Issue 9 end to end, as an MSP and its customer would do it: `hrsync serve` (its own composition root:
 * API over HTTPS, scheduler, run thread) with production agent timings; a hybrid tenant set up through
 * the API to reach its directory through agents, without a bind password; an agent registered and
 * started with the real `bin/hrsync agent …` commands (password typed on stdin); then a hybrid
 * connection configured through the five API steps, "test connection", simulate, activate and sync —
 * all of the directory's reads and writes carried out by the agent against a real Samba domain.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Agent, fetch } from 'undici';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { sha256 } from '../../src/api/auth/credentials.ts';
import { loadServiceConfig, type RunningService, startService } from '../../src/app/index.ts';
import {
  activateConnection,
  createAgentRegistration,
  createConnection,
  createCustomer,
  createTenant,
  type Endpoint,
  getRun,
  listAgents,
  pathFor,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  setTenantDirectoryAccess,
  simulate,
  sync,
  testTenantCredentials,
  updateTenant,
} from '../../src/contracts/index.ts';
import { hybridSections } from '../../src/targets/ldap/index.ts';
import { addOu, startTestDomain, type TestDomain, users } from '../directory/support/samba.ts';
import { company } from '../engine/company.ts';
import { PEOPLE } from '../service/support/service.ts';
import { until } from './support/graph-world.ts';

const ADDRESS = '127.0.0.92';
const BIN = join(import.meta.dirname, '../../bin/hrsync');
const FINISHED = new Set(['succeeded', 'failed', 'blocked', 'cancelled', 'discarded']);

interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
  readonly text: string;
}

describe('a hybrid tenant synced through a directory agent, end to end', () => {
  let domain: TestDomain;
  let service: RunningService;
  let afas: RunningAfasEmulator;
  let dir: string;
  let token: string;
  let dispatcher: Agent;
  let tenantId: string;
  let container: string;
  const responses: string[] = [];
  const children: ChildProcess[] = [];
  let agentOutput = '';

  const call = async (
    endpoint: Endpoint,
    o: { params?: Record<string, string>; body?: unknown } = {},
  ): Promise<Reply> => {
    const res = await fetch(service.url + pathFor(endpoint, o.params ?? {}), {
      method: endpoint.method,
      dispatcher,
      headers: {
        authorization: `Bearer ${token}`,
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };

  /** `hrsync …` as typed on the agent machine; resolves with its exit code and output. */
  const hrsync = (args: string[], stdin = '') => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const collect = (d: Buffer) => {
      output += String(d);
      agentOutput += String(d);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.stdin.end(stdin);
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, done, output: () => output };
  };

  const finished = async (runId: string): Promise<Reply> => {
    let run: Reply | undefined;
    await until(
      `run ${runId} to finish`,
      async () => {
        run = await call(getRun, { params: { id: runId } });
        return FINISHED.has(run.body?.status);
      },
      300_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${run?.text}\nagent:\n${agentOutput}`);
    });
    return run as Reply;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-e2e-'));
    const pki = createTestPki({ hosts: ['localhost', '127.0.0.1'] });
    writeFileSync(join(dir, 'service-ca.pem'), pki.caCertPem);
    dispatcher = new Agent({ connect: { ca: pki.caCertPem } });
    [domain, afas] = await Promise.all([
      startTestDomain(ADDRESS),
      startAfasEmulator({ dataset: company(PEOPLE) }),
    ]);
    container = `OU=Staff,${domain.domain.baseDn}`;
    await addOu(domain.admin, container);
    const config = {
      ...loadServiceConfig(
        { dataDir: join(dir, 'service'), host: '127.0.0.1', port: 0, logLevel: 'silent' },
        {},
      ),
      tls: { cert: pki.certPem, key: pki.keyPem },
      pollMs: 100,
      allowedEndpointHosts: ['127.0.0.1', 'localhost', ADDRESS, domain.domain.serverName.toLowerCase()],
    };
    service = await startService(config, { print: () => {}, skipBootstrap: true });
    const { store } = service.runtime;
    const organisation = await store.organisations.create('Acme MSP');
    const admin = await store.users.create({
      organisationId: organisation.id,
      email: 'admin@acme.test',
      name: 'Anna Admin',
      role: 'admin',
      passwordHash: 'not-used',
    });
    token = `hrs_${randomBytes(32).toString('base64url')}`;
    await store.apiTokens.create({
      organisationId: organisation.id,
      createdBy: admin.email,
      createdByUserId: admin.id,
      name: 'e2e',
      role: 'admin',
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
      expiresAt: null,
    });
  });

  after(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null
          ? new Promise((resolve) => c.on('close', resolve))
          : undefined,
      ),
    );
    await service?.stop();
    await afas?.close();
    await domain?.dispose();
    await dispatcher?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the MSP sets up the hybrid tenant behind agents; the customer registers and starts an agent; test connection goes through it', async () => {
    const customer = await call(createCustomer, { body: { name: 'Gemeente Zuid' } });
    assert.equal(customer.status, 201, customer.text);
    const tenant = await call(createTenant, {
      body: {
        customerId: customer.body.id,
        name: 'Gemeente Zuid',
        type: 'hybrid',
        directoryId: 'zuid.local',
        verifiedDomains: ['hrsync.test'],
        subscriptionActive: true,
      },
    });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const via = await call(setTenantDirectoryAccess, { params: { id: tenantId }, body: { viaAgents: true } });
    assert.equal(via.status, 200, via.text);
    const settings = await call(updateTenant, {
      params: { id: tenantId },
      body: {
        directory: {
          urls: [domain.domain.url],
          caCertificate: domain.domain.ca,
          tlsServerName: domain.domain.serverName,
          bindUser: domain.domain.adminUpn,
          container,
          upnSuffixes: ['hrsync.test'],
        },
      },
    });
    assert.equal(settings.status, 200, settings.text);
    assert.equal(settings.body.directory.bindPassword, null, 'the service holds no bind password');

    const registration = await call(createAgentRegistration, {
      params: { id: tenantId },
      body: { name: 'dc-agent-zuid' },
    });
    assert.equal(registration.status, 201, registration.text);
    const stateDir = join(dir, 'agent');
    const ca = ['--ca-file', join(dir, 'service-ca.pem')];
    const registered = hrsync([
      'agent',
      'register',
      '--server',
      service.url,
      '--key',
      registration.body.key,
      '--state-dir',
      stateDir,
      ...ca,
    ]);
    assert.equal(await registered.done, 0, registered.output());
    const password = hrsync(
      ['agent', 'set-bind-password', '--state-dir', stateDir],
      `${domain.domain.adminPassword}\n`,
    );
    assert.equal(await password.done, 0, password.output());
    hrsync(['agent', 'run', '--state-dir', stateDir, ...ca]);

    await until(
      'the agent to connect and report its controllers answering',
      async () => {
        const agent = (await call(listAgents, { params: { id: tenantId } })).body.items[0];
        return agent?.connected === true && agent.controllers?.ok === true;
      },
      180_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${agentOutput}`);
    });
    const tested = await call(testTenantCredentials, { params: { id: tenantId } });
    assert.equal(tested.status, 200, tested.text);
    assert.equal(tested.body.ok, true, `${tested.text}\n${agentOutput}`);
  });

  test('a hybrid connection in five steps simulates, activates and syncs through the agent', async () => {
    const created = await call(createConnection, {
      body: { name: 'AFAS → AD via agent', description: 'hybrid', destinationType: 'hybrid' },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const sections = hybridSections(container);
    const steps = [
      await call(saveSourceStep, {
        params: { id },
        body: { environment: { baseUrl: afas.baseUrl }, token: afas.token.xml },
      }),
      await call(saveDestinationStep, { params: { id }, body: { tenantId, defaultDomain: 'hrsync.test' } }),
      await call(saveMappingStep, {
        params: { id },
        body: {
          mapping: sections.mapping,
          matching: sections.matching,
          uniqueness: sections.uniqueness,
          writeBack: { email: false, upn: false },
        },
      }),
      await call(saveScopeStep, {
        params: { id },
        body: {
          scope: sections.scope,
          persons: sections.persons,
          lifecycle: sections.lifecycle,
          thresholds: sections.thresholds,
          timeZone: 'Europe/Amsterdam',
        },
      }),
    ];
    for (const s of steps) assert.equal(s.status, 200, s.text);

    const simulated = await call(simulate, { params: { id } });
    assert.equal(simulated.status, 202, simulated.text);
    const simulation = await finished(simulated.body.id);
    assert.equal(simulation.body.status, 'succeeded', simulation.text);
    assert.equal(simulation.body.counts.actions.create, 3);
    assert.equal((await users(domain.admin, container, [])).size, 0, 'a simulation writes nothing');

    const activated = await call(activateConnection, { params: { id } });
    assert.equal(activated.status, 200, activated.text);
    const synced = await call(sync, { params: { id } });
    assert.equal(synced.status, 202, synced.text);
    const run = await finished(synced.body.id);
    assert.equal(run.body.status, 'succeeded', `${run.text}\n${agentOutput}`);
    const accounts = await users(domain.admin, container, ['userPrincipalName', 'manager']);
    assert.deepEqual([...accounts.keys()].sort(), ['evavandenboele', 'janjansen', 'mariekebos']);
    assert.equal(accounts.get('janjansen')?.userPrincipalName, 'janjansen@hrsync.test');
    assert.equal(accounts.get('janjansen')?.manager, `CN=Marieke Bos,${container}`);
    assert.match(agentOutput, /connected to the hrsync service/);

    const again = await call(sync, { params: { id } });
    const second = await finished(again.body.id);
    assert.equal(second.body.status, 'succeeded', second.text);
    assert.equal(
      second.body.counts.actions.create + second.body.counts.actions.update,
      0,
      're-sync: no writes',
    );
  });

  test('the bind password is nowhere on the service: its data folder (database included) and every response', () => {
    const password = domain.domain.adminPassword;
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    for (const file of files(join(dir, 'service')))
      assert.ok(!readFileSync(file).includes(password), `not in ${file}`);
    for (const text of responses) assert.ok(!text.includes(password), 'not in a response');
  });
});
