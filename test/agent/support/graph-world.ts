/**
 * The generic half of the agent suites: the protocol proven against a target that needs no Samba.
 * The agent carries out the operations with the real Graph target against the Graph emulator (as the
 * service itself would for a cloud tenant), so everything but the directory is the production path:
 * AFAS emulator → engine → remote target → database queue → HTTPS → agent runtime → local target.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../../emulators/graph/index.ts';
import type { AgentTargetFactory } from '../../../src/agent/index.ts';
import { registerAgentState } from '../../../src/agent/index.ts';
import { type RunningAgent, startAgent } from '../../../src/app/agent.ts';
import type { ConnectionConfig, GraphTargetConfig, RunKind } from '../../../src/core/index.ts';
import { executeRun, MemoryEngineStore, type RunOutcome, starterConfig } from '../../../src/engine/index.ts';
import type { Target } from '../../../src/engine/ports.ts';
import { agentDispatch } from '../../../src/jobs/index.ts';
import { createAfasSource } from '../../../src/sources/afas/index.ts';
import { createGraphTarget, GRAPH_CAPABILITIES } from '../../../src/targets/graph/index.ts';
import { createRemoteTarget } from '../../../src/targets/remote/index.ts';
import { company, type PersonSpec, tenant } from '../../engine/company.ts';
import { until as untilHolds } from '../../support/until.ts';
import type { AgentService } from './stack.ts';

export const TODAY = '2026-11-24T09:00:00Z';

export interface GraphWorld {
  readonly afas: RunningAfasEmulator;
  readonly graph: RunningGraphEmulator;
  readonly config: ConnectionConfig;
  readonly clientSecret: string;
  readonly caFile: string;
  readonly remote: Target;
  readonly engineStore: MemoryEngineStore;
  /** The agent side's local target factory: the Graph target with the secret kept on the agent. */
  factory(wrap?: (target: Target) => Target): AgentTargetFactory;
  /** A run of the engine through the remote target; `employeeNumber` for an on-demand run. */
  run(kind: RunKind, o?: { employeeNumber?: string }): Promise<RunOutcome>;
  /** Registers an agent and starts it in this process (logs kept in `logs`). */
  startAgent(
    name: string,
    o?: { server?: string; wrap?: (t: Target) => Target },
  ): Promise<RunningAgent & { id: string; logs: string[] }>;
  /** Registers an agent and starts it as a separate process that the test can kill. */
  spawnAgent(
    name: string,
    env?: Record<string, string>,
  ): Promise<{ id: string; child: ChildProcess; output: string[] }>;
  close(): Promise<void>;
}

export async function startGraphWorld(svc: AgentService, people: readonly PersonSpec[]): Promise<GraphWorld> {
  const afas = await startAfasEmulator({ dataset: company(people) });
  const graph = await startGraphEmulator({ tenant: tenant(), port: null, httpsPort: 0 });
  const app = graph.apps[0];
  if (!app || !graph.caCertPem) throw new Error('the Graph emulator started without an app or a CA');
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-world-'));
  const caFile = join(dir, 'service-ca.pem');
  writeFileSync(caFile, svc.pki.caCertPem);
  const graphCaFile = join(dir, 'graph-ca.pem');
  writeFileSync(graphCaFile, graph.caCertPem);
  const config = starterConfig({
    environment: { baseUrl: afas.baseUrl },
    token: { value: afas.token.xml },
    tenantId: graph.tenantId,
    clientId: app.clientId,
    // The service holds no credential for a target behind an agent.
    credential: { type: 'secret', secret: { env: 'HELD_BY_THE_AGENT' } },
    defaultDomain: 'contoso.nl',
    authorityHost: graph.url,
    graphBaseUrl: graph.url,
  });
  const { credential: _held, ...settings } = config.target;
  const remote = createRemoteTarget({
    capabilities: GRAPH_CAPABILITIES,
    settings,
    dispatch: agentDispatch({
      store: svc.store,
      organisationId: svc.organisationId,
      tenantId: svc.tenantId,
      timings: svc.app.deps.agentTimings,
    }),
  });
  const engineStore = new MemoryEngineStore();
  const agents: RunningAgent[] = [];
  const children: ChildProcess[] = [];
  const caPem = graph.caCertPem;

  const factory =
    (wrap?: (t: Target) => Target): AgentTargetFactory =>
    (received) => {
      const target = createGraphTarget(
        {
          ...(received as Omit<GraphTargetConfig, 'credential'>),
          credential: { type: 'secret', secret: { value: 'unused' } },
        } as GraphTargetConfig,
        { credential: { clientSecret: app.clientSecret }, ca: caPem },
      );
      return wrap ? wrap(target) : target;
    };

  const registered = async (name: string, server: string) => {
    const { key, agentId } = await svc.newRegistration(name);
    const stateDir = mkdtempSync(join(dir, `${name}-`));
    await registerAgentState({
      server,
      key,
      stateDir,
      version: '0.1.0-test',
      ca: svc.pki.caCertPem,
      host: `${name}.zuid.local`,
    });
    return { agentId, stateDir };
  };

  return {
    afas,
    graph,
    config,
    clientSecret: app.clientSecret,
    caFile,
    remote,
    engineStore,
    factory,
    run(kind, o = {}) {
      return executeRun({
        kind,
        config,
        source: createAfasSource(config.source, { token: afas.token.xml }),
        target: remote,
        store: engineStore,
        clock: { now: () => TODAY },
        ...(o.employeeNumber ? { employeeNumber: o.employeeNumber } : {}),
      });
    },
    async startAgent(name, o = {}) {
      const { agentId, stateDir } = await registered(name, o.server ?? svc.url);
      const logs: string[] = [];
      const logger = pino(
        { level: 'debug' },
        new Writable({
          write(chunk, _e, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      );
      const agent = await startAgent({
        stateDir,
        caFile,
        targetFactory: factory(o.wrap),
        logger,
        backoff: { initialMs: 100, maxMs: 1_000 },
      });
      agents.push(agent);
      return { ...agent, id: agentId, logs };
    },
    async spawnAgent(name, env = {}) {
      const { agentId, stateDir } = await registered(name, svc.url);
      const output: string[] = [];
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'graph-agent-process.ts')],
        {
          env: {
            ...process.env,
            AGENT_STATE_DIR: stateDir,
            AGENT_CA_FILE: caFile,
            GRAPH_CA_FILE: graphCaFile,
            GRAPH_CLIENT_SECRET: app.clientSecret,
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.on('data', (d) => output.push(String(d)));
      child.stderr?.on('data', (d) => output.push(String(d)));
      children.push(child);
      return { id: agentId, child, output };
    },
    async close() {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await Promise.all(agents.map((a) => a.stop()));
      await Promise.all([afas.close(), graph.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until `check` holds, polling; fails after `ms` with `what`. The bound is generous on purpose:
 * starting an agent process (tsx compiling the sources) takes tens of seconds on a loaded machine.
 */
export const until = (what: string, check: () => Promise<boolean> | boolean, ms = 180_000): Promise<void> =>
  untilHolds(what, check, ms, 100);
