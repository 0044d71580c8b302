/**
 * `/healthz` latency while a run is planned (issue 13, DESIGN.md §6), in its own process: the demo
 * service (API + run thread, SQLite) with argv[2] persons, one simulation, and `/healthz` asked
 * back to back (10 ms apart) until the run ends. Prints one JSON line: p50/p99/max over the whole
 * run and over its plan phase. The demo's emulators share the API's process; they are idle while
 * the plan is made, which is the figure the goal is about.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig, startDemo } from '../src/app/index.ts';
import { getRun, pathFor, signIn, simulate } from '../src/contracts/index.ts';

const persons = Number(process.argv[2] ?? 50_000);
const dataDir = await mkdtemp(join(tmpdir(), 'hrsync-bench-healthz-'));
const config = {
  ...loadServiceConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
  webDir: join(dataDir, 'no-console'),
  pollMs: 100,
};
const demo = await startDemo(config, { persons, print: () => {} });
try {
  const res = await fetch(demo.service.url + pathFor(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demo.signIn),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const api = async (method: string, path: string) => {
    const r = await fetch(demo.service.url + path, { method, headers: { cookie } });
    return (await r.json()) as { id: string; status: string; progress?: { phase?: string } };
  };
  const queued = await api('POST', pathFor(simulate, { id: demo.connectionId }));
  let phase = 'queued';
  let done = false;
  const watch = (async () => {
    while (!done) {
      const run = await api('GET', pathFor(getRun, { id: queued.id }));
      phase = run.status === 'running' ? (run.progress?.phase ?? 'running') : run.status;
      if (!['queued', 'running'].includes(run.status)) done = true;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const all: number[] = [];
  const planning: number[] = [];
  while (!done) {
    const t = performance.now();
    await (await fetch(`${demo.service.url}/healthz`)).arrayBuffer();
    const ms = performance.now() - t;
    all.push(ms);
    if (phase === 'plan') planning.push(ms);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await watch;
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? null : (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number);
  };
  console.log(
    JSON.stringify({
      persons,
      final: phase,
      samples: all.length,
      planSamples: planning.length,
      p50: q(all, 0.5),
      p99: q(all, 0.99),
      max: q(all, 1),
      planP50: q(planning, 0.5),
      planP99: q(planning, 0.99),
      planMax: q(planning, 1),
    }),
  );
} finally {
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
