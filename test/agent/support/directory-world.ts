/**
 * The agent suites against a real Samba AD domain: the service (real store, real API over HTTPS)
 * drives the engine with a remote target; `hrsync agent run` processes — the real CLI, killable —
 * carry the operations out with the real Active Directory target against the domain on loopback.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import { AgentStateDir, registerAgentState } from '../../../src/agent/index.ts';
import type { ConnectionConfig, DirectoryTargetConfig, RunKind } from '../../../src/core/index.ts';
import { executeRun, MemoryEngineStore, type RunOutcome } from '../../../src/engine/index.ts';
import type { Target } from '../../../src/engine/ports.ts';
import { agentDispatch } from '../../../src/jobs/index.ts';
import { createAfasSource } from '../../../src/sources/afas/index.ts';
import { DIRECTORY_CAPABILITIES, hybridStarterConfig } from '../../../src/targets/ldap/index.ts';
import { createRemoteTarget } from '../../../src/targets/remote/index.ts';
import { addOu, type TestDomain } from '../../directory/support/samba.ts';
import { company, type PersonSpec } from '../../engine/company.ts';
import type { AgentService } from './stack.ts';

export const TODAY = '2026-11-24T09:00:00Z';
const BIN = join(import.meta.dirname, '../../../bin/hrsync');

export interface RunningCliAgent {
  readonly id: string;
  readonly name: string;
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<number | null>;
}

export interface DirectoryWorld {
  readonly afas: RunningAfasEmulator;
  readonly config: ConnectionConfig & { target: DirectoryTargetConfig };
  readonly remote: Target;
  readonly engineStore: MemoryEngineStore;
  run(kind: RunKind): Promise<RunOutcome>;
  /** Registers an agent, enters the bind password on it, and starts `hrsync agent run`. */
  startCliAgent(name: string, o?: { server?: string }): Promise<RunningCliAgent>;
  close(): Promise<void>;
}

export async function startDirectoryWorld(
  svc: AgentService,
  domain: TestDomain,
  people: readonly PersonSpec[],
  container = 'OU=Staff',
): Promise<DirectoryWorld> {
  const d = domain.domain;
  await addOu(domain.admin, `${container},${d.baseDn}`).catch(() => {});
  const afas = await startAfasEmulator({ dataset: company(people) });
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-dir-'));
  const caFile = join(dir, 'service-ca.pem');
  writeFileSync(caFile, svc.pki.caCertPem);
  const config = hybridStarterConfig({
    environment: { baseUrl: afas.baseUrl },
    token: { value: afas.token.xml },
    directory: {
      urls: [d.url],
      caCertificate: d.ca,
      tlsServerName: d.serverName,
      bindUser: d.adminUpn,
      // The service holds no bind password: the agent has it.
      bindPassword: { env: 'HRSYNC_AGENT_BIND_PASSWORD' },
      container: `${container},${d.baseDn}`,
      defaultDomain: d.realm.toLowerCase(),
    },
  });
  const { bindPassword: _onTheAgent, ...settings } = config.target;
  const remote = createRemoteTarget({
    capabilities: DIRECTORY_CAPABILITIES,
    settings,
    dispatch: agentDispatch({
      store: svc.store,
      organisationId: svc.organisationId,
      tenantId: svc.tenantId,
      timings: svc.app.deps.agentTimings,
    }),
  });
  const engineStore = new MemoryEngineStore();
  const children: ChildProcess[] = [];
  return {
    afas,
    config,
    remote,
    engineStore,
    run(kind) {
      return executeRun({
        kind,
        config,
        source: createAfasSource(config.source, { token: afas.token.xml }),
        target: remote,
        store: engineStore,
        clock: { now: () => TODAY },
      });
    },
    async startCliAgent(name, o = {}) {
      const { key, agentId } = await svc.newRegistration(name);
      const stateDir = mkdtempSync(join(dir, `${name}-`));
      await registerAgentState({
        server: o.server ?? svc.url,
        key,
        stateDir,
        version: '0.1.0',
        ca: svc.pki.caCertPem,
        host: `${name}.zuid.local`,
      });
      new AgentStateDir(stateDir).setSecret('bindPassword', d.adminPassword);
      const output: string[] = [];
      const child = spawn(
        process.execPath,
        [BIN, 'agent', 'run', '--state-dir', stateDir, '--ca-file', caFile, '--log-level', 'debug'],
        {
          env: { ...process.env, HRSYNC_AGENT_BIND_PASSWORD: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.on('data', (c) => output.push(String(c)));
      child.stderr?.on('data', (c) => output.push(String(c)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      children.push(child);
      return { id: agentId, name, child, output, exited };
    },
    async close() {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await afas.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
