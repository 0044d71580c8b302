/**
 * `npm run bench` (issue 9, item 8): a 2,000-create sync through a directory agent vs the same sync
 * with the service talking LDAPS directly, against one Samba AD domain on loopback, in the same run.
 * Prints both wall times and their ratio (goal ≤ 1.3). Skipped with a message when Samba is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'ldapts';
import pino from 'pino';
import { startAfasEmulator } from '../emulators/afas/index.ts';
import { provisionSambaDomain, sambaInstalled, startSambaDc } from '../emulators/samba/samba-dc.ts';
import { AgentStateDir, registerAgentState } from '../src/agent/index.ts';
import { startAgent } from '../src/app/agent.ts';
import { agentTargetFactory } from '../src/app/agent-targets.ts';
import { executeRun, MemoryEngineStore } from '../src/engine/index.ts';
import { agentTarget } from '../src/jobs/agent-target.ts';
import { createAfasSource } from '../src/sources/afas/index.ts';
import { createDirectoryTarget, hybridStarterConfig } from '../src/targets/ldap/index.ts';
import { startAgentService } from '../test/agent/support/stack.ts';
import { company } from '../test/engine/company.ts';

const PERSONS = Number(process.env.BENCH_AGENT_PERSONS ?? 2_000);

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
  const svc = await startAgentService('sqlite', {
    timings: { holdMs: 20_000, heartbeatMs: 5_000, silenceMs: 30_000, claimTimeoutMs: 60_000 },
  });
  const people = Array.from({ length: PERSONS }, (_, i) => ({
    n: String(100_000 + i),
    given: ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hanna'][i % 8] as string,
    family: `Jansen${i}`,
    jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
  }));
  const afas = await startAfasEmulator({ dataset: company(people) });
  const admin = new Client({ url: d.url, tlsOptions: { ca: [d.ca], servername: d.serverName } });
  await admin.bind(d.adminUpn, d.adminPassword);
  const configFor = (ou: string) => {
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
    return { seconds: (performance.now() - started) / 1000, created: outcome.actionCounts.create };
  };
  try {
    for (const ou of ['OU=Direct', 'OU=Agent']) {
      await admin.add(`${ou},${d.baseDn}`, { objectClass: ['top', 'organizationalUnit'] });
    }
    const directConfig = configFor('OU=Direct');
    const direct = createDirectoryTarget(directConfig.target, { bindPassword: d.adminPassword });
    const directRun = await sync(directConfig, direct);
    await direct.close();

    const { key } = await svc.newRegistration('bench-agent');
    const stateDir = join(dir, 'agent');
    await registerAgentState({ server: svc.url, key, stateDir, version: 'bench', ca: svc.pki.caCertPem });
    new AgentStateDir(stateDir).setSecret('bindPassword', d.adminPassword);
    const caFile = join(dir, 'service-ca.pem');
    (await import('node:fs')).writeFileSync(caFile, svc.pki.caCertPem);
    const agent = await startAgent({
      stateDir,
      caFile,
      targetFactory: agentTargetFactory({}),
      logger: pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() })),
    });
    const agentConfig = configFor('OU=Agent');
    const tenant = await svc.store.tenants.get(svc.organisationId, svc.tenantId);
    if (!tenant) throw new Error('no tenant');
    const remote = agentTarget(svc.store, tenant, agentConfig.target, svc.app.deps.agentTimings);
    const agentRun = await sync(agentConfig, remote);
    await agent.stop();

    const ratio = agentRun.seconds / directRun.seconds;
    report(
      `agent: ${PERSONS} creates, direct LDAPS`,
      `${directRun.seconds.toFixed(1)} s (${Math.round(directRun.created / directRun.seconds)}/s)`,
      '(reported)',
      directRun.seconds,
      directRun.created === PERSONS,
    );
    report(
      `agent: ${PERSONS} creates through an agent`,
      `${agentRun.seconds.toFixed(1)} s (${Math.round(agentRun.created / agentRun.seconds)}/s)`,
      '(reported)',
      agentRun.seconds,
      agentRun.created === PERSONS,
    );
    report('agent: through an agent ÷ direct', ratio.toFixed(2), '≤ 1.3', ratio / 1.3, ratio <= 1.3);
  } finally {
    await admin.unbind().catch(() => {});
    await afas.close();
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
