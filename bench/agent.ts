/**
 * `npm run bench` (issue 9, item 8; alone: `BENCH_ONLY=agent npm run bench`): a 2,000-create sync
 * through a directory agent vs the same sync with the service talking LDAPS directly, against one
 * Samba AD domain on loopback (127.0.0.95), in the same run. Each sync creates its own people (account
 * names are unique domain-wide), and a small direct sync first warms the domain and the process, so
 * neither measured run pays for a cold start. The agent runs in this process, sharing its event loop
 * with the service and the engine (in production it has a machine of its own): the ratio is an upper
 * bound. Prints both wall times and their ratio (goal ≤ 1.3). Skipped with a message without Samba.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'ldapts';
import pino from 'pino';
import { type RunningAfasEmulator, startAfasEmulator } from '../emulators/afas/index.ts';
import { provisionSambaDomain, sambaInstalled, startSambaDc } from '../emulators/samba/samba-dc.ts';
import { AgentStateDir, registerAgentState } from '../src/agent/index.ts';
import { startAgent } from '../src/app/agent.ts';
import { agentTargetFactory } from '../src/app/agent-targets.ts';
import { executeRun, MemoryEngineStore } from '../src/engine/index.ts';
import { agentTarget } from '../src/jobs/agent-target.ts';
import { createAfasSource } from '../src/sources/afas/index.ts';
import { createDirectoryTarget, hybridStarterConfig } from '../src/targets/ldap/index.ts';
import { company } from '../test/engine/company.ts';
import { startBenchAgentService } from './agent-service.ts';

const PERSONS = Number(process.env.BENCH_AGENT_PERSONS ?? 2_000);
const WARM_UP = Math.min(100, PERSONS);

export async function benchAgent(
  report: (name: string, value: string, goal: string, ratio: number, ok: boolean) => void,
) {
  if (!(await sambaInstalled())) {
    console.log(
      'agent benchmark skipped: Samba is not installed (apt-get install samba samba-ad-provision ldap-utils)',
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-bench-agent-'));
  const dc = await startSambaDc(await provisionSambaDomain({ dir, address: '127.0.0.95' }));
  const d = dc.domain;
  const svc = await startBenchAgentService(dir);
  const people = (label: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      n: String(from + i),
      given: ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hanna'][i % 8] as string,
      family: `${label}${i}`,
      jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
    }));
  const emulators: RunningAfasEmulator[] = [];
  const afasWith = async (label: string, from: number, count: number) => {
    const afas = await startAfasEmulator({ dataset: company(people(label, from, count)) });
    emulators.push(afas);
    return afas;
  };
  const admin = new Client({ url: d.url, tlsOptions: { ca: [d.ca], servername: d.serverName } });
  await admin.bind(d.adminUpn, d.adminPassword);
  const configFor = (ou: string, afas: RunningAfasEmulator) => {
    return hybridStarterConfig({
      environment: { baseUrl: afas.baseUrl },
      token: { value: afas.token.xml },
      directory: {
        urls: [d.url],
        caCertificate: d.ca,
        tlsServerName: d.serverName,
        bindUser: d.adminUpn,
        bindPassword: { env: 'HRSYNC_AGENT_BIND_PASSWORD' },
        container: `${ou},${d.baseDn}`,
        baseDn: `${ou},${d.baseDn}`,
        defaultDomain: d.realm.toLowerCase(),
      },
    });
  };
  const sync = async (
    config: ReturnType<typeof configFor>,
    afas: RunningAfasEmulator,
    target: Parameters<typeof executeRun>[0]['target'],
  ) => {
    const started = performance.now();
    const outcome = await executeRun({
      kind: 'sync',
      config,
      source: createAfasSource(config.source, { token: afas.token.xml }),
      target,
      store: new MemoryEngineStore(),
      clock: { now: () => '2026-11-24T09:00:00Z' },
    });
    if (outcome.status !== 'succeeded') throw new Error(`sync ${outcome.status}: ${outcome.error?.message}`);
    const failed = outcome.statusCounts.failed;
    return { seconds: (performance.now() - started) / 1000, created: outcome.actionCounts.create, failed };
  };
  const directSync = async (ou: string, afas: RunningAfasEmulator) => {
    const config = configFor(ou, afas);
    const direct = createDirectoryTarget(config.target, { bindPassword: d.adminPassword });
    try {
      return await sync(config, afas, direct);
    } finally {
      await direct.close();
    }
  };
  try {
    for (const ou of ['OU=Warm', 'OU=Direct', 'OU=Agent']) {
      await admin.add(`${ou},${d.baseDn}`, { objectClass: ['top', 'organizationalUnit'] });
    }
    const [warm, directAfas, agentAfas] = [
      await afasWith('Warm', 900_000, WARM_UP),
      await afasWith('Direct', 100_000, PERSONS),
      await afasWith('Agent', 500_000, PERSONS),
    ];
    await directSync('OU=Warm', warm);
    const directRun = await directSync('OU=Direct', directAfas);

    const key = await svc.newKey('bench-agent');
    const stateDir = join(dir, 'agent');
    await registerAgentState({ server: svc.url, key, stateDir, version: 'bench', ca: svc.pki.caCertPem });
    new AgentStateDir(stateDir).setSecret('bindPassword', d.adminPassword);
    const caFile = join(dir, 'service-ca.pem');
    writeFileSync(caFile, svc.pki.caCertPem);
    const agent = await startAgent({
      stateDir,
      caFile,
      targetFactory: agentTargetFactory({}),
      logger: pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() })),
    });
    const agentConfig = configFor('OU=Agent', agentAfas);
    const remote = agentTarget(svc.store, svc.tenant, agentConfig.target, svc.app.deps.agentTimings);
    const agentRun = await sync(agentConfig, agentAfas, remote);
    await agent.stop();

    const ratio = agentRun.seconds / directRun.seconds;
    report(
      `agent: ${PERSONS} creates, direct LDAPS`,
      `${directRun.seconds.toFixed(1)} s (${Math.round(directRun.created / directRun.seconds)}/s)`,
      '(reported)',
      directRun.seconds,
      directRun.created === PERSONS && directRun.failed === 0,
    );
    report(
      `agent: ${PERSONS} creates through an agent`,
      `${agentRun.seconds.toFixed(1)} s (${Math.round(agentRun.created / agentRun.seconds)}/s)`,
      '(reported)',
      agentRun.seconds,
      agentRun.created === PERSONS && agentRun.failed === 0,
    );
    report('agent: through an agent ÷ direct', ratio.toFixed(2), '≤ 1.3', ratio / 1.3, ratio <= 1.3);
  } finally {
    await admin.unbind().catch(() => {});
    for (const afas of emulators) await afas.close();
    await svc.close();
    await dc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAgent((name, value, goal, _ratio, ok) =>
    console.log(`${ok ? 'ok ' : 'NOT'} ${name}: ${value} (goal ${goal})`),
  );
}
