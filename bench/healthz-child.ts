/**
 * `/healthz` latency while a run is planned (issue 13, DESIGN.md §6), in its own process: the
 * service (API + scheduler + run thread; SQLite, or PostgreSQL with argv[3] = 'postgres') set up as
 * the demo is, with argv[2] persons. The AFAS and Graph emulators run in their own processes, as the
 * real services are elsewhere: an emulator on the API's thread would be measured instead of the
 * service. One simulation; `/healthz` is asked back to back (10 ms apart) and the run's page is
 * polled as the console does, until the run ends. Prints one JSON line: p50/p99/max over the whole
 * run and over its plan phase, the main thread's event-loop delay p99, and its RSS before the run,
 * at the run's end and after it (idle, once garbage is collected; run with --expose-gc).
 * BENCH_HEALTHZ_PROFILE=1 also prints where the main thread was during probes slower than 50 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker as Thread } from 'node:worker_threads';
import { seedDemo } from '../src/app/demo-seed.ts';
import { loadServiceConfig } from '../src/app/index.ts';
import { startService } from '../src/app/serve.ts';
import { getRun, pathFor, signIn, simulate } from '../src/contracts/index.ts';
import { createTestDatabase } from '../test/service/support/databases.ts';
import { withEmulators } from './scale.ts';

const persons = Number(process.argv[2] ?? 50_000);
const dialect = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const profile = process.env.BENCH_HEALTHZ_PROFILE === '1';
/** Seconds after the run over which the service's RSS is sampled (BENCH_HEALTHZ_AFTER_S). */
const LATER_SECONDS = Number(process.env.BENCH_HEALTHZ_AFTER_S ?? 15);
const gc = (globalThis as { gc?: () => void }).gc;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** With BENCH_HEALTHZ_PROFILE=1: main-thread SQLite statements that held the loop ≥ 20 ms. */
const slowStatements: { ms: number; sql: string; at: number }[] = [];
if (profile) {
  const SQLite = (await import('better-sqlite3')).default;
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['run', 'all', 'get', 'iterate']) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - t;
        if (ms >= 20) slowStatements.push({ ms: Math.round(ms), sql: this.source.slice(0, 80), at: t });
      }
    };
  }
}

const result = await withEmulators(persons, async (e) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hrsync-bench-healthz-'));
  const database = await createTestDatabase(dialect);
  const config = {
    ...loadServiceConfig(
      {
        dataDir,
        host: '127.0.0.1',
        port: 0,
        logLevel: 'silent',
        ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
      },
      {},
    ),
    webDir: join(dataDir, 'no-console'),
    pollMs: 100,
    allowedEndpointHosts: ['127.0.0.1', 'localhost'],
  };
  const service = await startService(config, { print: () => {}, extraCa: e.caPem, skipBootstrap: true });
  try {
    const seeded = await seedDemo(service, {
      afasBaseUrl: e.afasBaseUrl,
      afasToken: e.afasToken,
      directoryId: e.tenantId,
      domains: ['contoso.nl'],
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      graphUrl: e.graphUrl,
    });
    const res = await fetch(service.url + pathFor(signIn), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: seeded.email, password: seeded.password }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const api = async (method: string, path: string) => {
      const r = await fetch(service.url + path, { method, headers: { cookie } });
      return (await r.json()) as { id: string; status: string; progress?: { phase?: string } };
    };
    await settle();
    const idleRss = process.memoryUsage().rss;
    // The prober is a thread of its own: its requests' JS and garbage stay off the measured loop.
    const prober = startProber(`${service.url}/healthz`);
    const idle = await prober.collect(5000);
    const session = new Session();
    if (profile) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
    }
    const profileStart = performance.now();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = threadCpuMs();
    const started = performance.now();
    const stalls: { at: number; ms: number }[] = [];
    let tick = performance.now();
    const stallTimer = setInterval(() => {
      const now = performance.now();
      if (now - tick > 100) stalls.push({ at: performance.timeOrigin + tick, ms: Math.round(now - tick) });
      tick = now;
    }, 10);
    const queued = await api('POST', pathFor(simulate, { id: seeded.connectionId }));
    let phase = 'queued';
    let done = false;
    const phases: { at: number; phase: string }[] = [
      { at: performance.now() + performance.timeOrigin, phase },
    ];
    const watch = (async () => {
      while (!done) {
        const run = await api('GET', pathFor(getRun, { id: queued.id }));
        const now = run.status === 'running' ? (run.progress?.phase ?? 'running') : run.status;
        if (now !== phase) phases.push({ at: performance.now() + performance.timeOrigin, phase: now });
        phase = now;
        if (!['queued', 'running'].includes(run.status)) done = true;
        else await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    await watch;
    const probes = await prober.stop();
    loop.disable();
    clearInterval(stallTimer);
    const cpu1 = threadCpuMs();
    const runMs = performance.now() - started;
    const endRss = process.memoryUsage().rss;
    const phaseAt = (at: number) => {
      let current = 'queued';
      for (const p of phases) if (p.at <= at) current = p.phase;
      return current;
    };
    const all = probes.map((p) => p.ms);
    const planning = probes.filter((p) => phaseAt(p.at) === 'plan').map((p) => p.ms);
    let mainThread: Record<string, number> | undefined;
    let stallCauses: string[] | undefined;
    if (profile) {
      const { profile: p } = await session.post('Profiler.stop');
      mainThread = selfTime(p as CpuProfile, profileStart);
      stallCauses = stalls.map(
        (st) =>
          `${st.ms} ms in ${phaseAt(st.at)}: ${inWindow(p as CpuProfile, profileStart, st.at - performance.timeOrigin, st.ms)}`,
      );
      session.disconnect();
    }
    await settle();
    const afterRss = process.memoryUsage().rss;
    // The run thread is replaced after a large run (its heap goes back to the system): the RSS a few
    // seconds on, once that has happened, is the service's idle level again — or not.
    const rssLater: Record<string, number> = {};
    for (let s = 1; s <= LATER_SECONDS; s++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      gc?.();
      if (s === 1 || s === 3 || s % 5 === 0) rssLater[`${s}s`] = Math.round(process.memoryUsage().rss / 1e6);
    }
    const q = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length === 0 ? null : (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number);
    };
    return {
      persons,
      dialect,
      final: phase,
      phases: phases.map((p) => p.phase).join(' > '),
      idleP99: q(idle, 0.99),
      samples: all.length,
      planSamples: planning.length,
      p50: q(all, 0.5),
      p99: q(all, 0.99),
      max: q(all, 1),
      planP50: q(planning, 0.5),
      planP99: q(planning, 0.99),
      planMax: q(planning, 1),
      loopDelayP99: loop.percentile(99) / 1e6,
      loopDelayMax: loop.max / 1e6,
      runMs: Math.round(runMs),
      threadCpuMs: Object.fromEntries(
        Object.entries(cpu1)
          .map(([name, ms]) => [name, Math.round(ms - (cpu0[name] ?? 0))] as const)
          .filter(([, ms]) => ms >= 50),
      ),
      stalls: stalls.map((s) => `${s.ms} ms in ${phaseAt(s.at)}`),
      idleRss,
      endRss,
      afterRss,
      rssLaterMB: rssLater,
      ...(mainThread ? { mainThread, stallCauses, slowStatements } : {}),
    };
  } finally {
    await service.stop();
    await database.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
});
console.log(JSON.stringify(result));
process.exit(0);

/** CPU milliseconds per thread of this process (Linux /proc), by thread name and id. */
function threadCpuMs(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      out[`${tid === String(process.pid) ? 'main' : name}#${tid}`] = ticks * 10;
    }
  } catch {
    // not Linux: no per-thread figures
  }
  return out;
}

/** `/healthz` asked every 10 ms from a thread of this process, over a kept-alive connection. */
function startProber(url: string) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let samples = [];
    let stopping = false;
    const once = () => new Promise((resolve) => {
      const t = performance.now();
      http.get(workerData, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ at: performance.timeOrigin + t, ms: performance.now() - t }));
      }).on('error', () => resolve({ at: performance.timeOrigin + t, ms: performance.now() - t }));
    });
    (async () => {
      while (!stopping) {
        samples.push(await once());
        await new Promise((r) => setTimeout(r, 10));
      }
      parentPort.postMessage({ type: 'samples', samples });
    })();
    parentPort.on('message', (m) => {
      if (m === 'take') { parentPort.postMessage({ type: 'samples', samples }); samples = []; }
      else if (m === 'stop') stopping = true;
    });
  `;
  const thread = new Thread(code, { eval: true, workerData: url });
  const next = () =>
    new Promise<{ at: number; ms: number }[]>((resolve) =>
      thread.once('message', (m: { samples: { at: number; ms: number }[] }) => resolve(m.samples)),
    );
  return {
    /** Probes for `ms` milliseconds and returns their latencies. */
    async collect(ms: number): Promise<number[]> {
      await new Promise((resolve) => setTimeout(resolve, ms));
      const taken = next();
      thread.postMessage('take');
      return (await taken).map((s) => s.ms);
    },
    async stop() {
      const taken = next();
      thread.postMessage('stop');
      const samples = await taken;
      await thread.terminate();
      return samples;
    },
  };
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * What the main thread's samples were during one stall (`from` on the performance clock, the
 * profile's first sample taken as `start`): the three heaviest stacks, each as its leaf and the
 * frames of ours (src/) below it, with their milliseconds.
 */
function inWindow(p: CpuProfile, start: number, from: number, ms: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const short = (f: CpuProfile['nodes'][number]['callFrame']) =>
    `${f.functionName || '(anon)'}@${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
  const stack = (id: number): string => {
    const leaf = byId.get(id);
    if (!leaf) return String(id);
    const ours: string[] = [];
    const outer: string[] = [];
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      if (n.callFrame.url.includes('/src/') && ours.length < 3) ours.push(short(n.callFrame));
      else if (ours.length === 0 && outer.length < 3 && n.callFrame.functionName)
        outer.push(short(n.callFrame));
    }
    return [short(leaf.callFrame), ...outer, ...ours].join(' < ');
  };
  const out = new Map<string, number>();
  let t = start;
  for (let i = 0; i < p.samples.length; i++) {
    t += (p.timeDeltas[i] ?? 0) / 1000;
    if (t < from || t > from + ms) continue;
    const key = stack(p.samples[i] as number);
    if (key.startsWith('(idle)')) continue;
    out.set(key, (out.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  const top = [...out].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return top.length === 0
    ? 'no samples (the thread was not running: the scheduler)'
    : top.map(([k, v]) => `${Math.round(v)} ms ${k}`).join(' | ');
}

/** The main thread's busy milliseconds during the run, by leaf frame and its nearest frame of ours. */
function selfTime(p: CpuProfile, _start: number): Record<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (f: CpuProfile['nodes'][number]['callFrame']) =>
    `${f.functionName || '(anon)'}@${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
  const label = (id: number): string => {
    const leaf = byId.get(id);
    if (!leaf) return String(id);
    let cur = parent.get(id);
    while (cur !== undefined) {
      const n = byId.get(cur);
      if (!n) break;
      if (n.callFrame.url.includes('/src/')) return `${where(leaf.callFrame)} < ${where(n.callFrame)}`;
      cur = parent.get(cur);
    }
    return where(leaf.callFrame);
  };
  const out: Record<string, number> = {};
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const key = label(p.samples[i] as number);
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    if (key.startsWith('(idle)')) continue;
    busy += ms;
    out[key] = (out[key] ?? 0) + ms;
  }
  return Object.fromEntries([
    ['(busy total)', Math.round(busy)],
    ...Object.entries(out)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => [k, Math.round(v)]),
  ]);
}
