/**
 * The plan phase alone (issue 13 item 5): normalise → index → scope/map/match → plan → guard for
 * BENCH_PLAN_PERSONS persons (default 50,000), on data read once from the emulators (in their own
 * processes) and then replayed from memory, so neither HTTP nor JSON parsing is measured.
 * What is measured is the whole replayed run (its reads answer at once from memory), not the span
 * after the run reports its "plan" phase: work the engine does while reads are still coming in (such
 * as normalising the AFAS rows) still counts. Prints µs per person (median of BENCH_PLAN_REPEAT
 * replays, default 5) as wall time and as the process's CPU time (`process.cpuUsage`, every thread,
 * garbage collection included; on a shared machine the CPU figure is the one to compare), GC count
 * and time, and the 1-minute load average while it ran.
 * Profile the replays only (not the emulators' read, nor the warm-up replay): BENCH_PLAN_PROFILE=<file>
 * writes a CPU profile (open it in Chrome's DevTools, or sum self time per function), and
 * BENCH_PLAN_HEAP_PROFILE=<file> writes the sampled allocations of the measured replay (a .heapprofile);
 * the timings of a profiled run are not comparable with an unprofiled one. BENCH_PLAN_HASH=1 adds
 * `itemsHash`, a hash of the replay's run items, to compare a change's plan with main's; BENCH_PLAN_SAMPLES=1
 * prints each counted replay's figures on stderr (how much one process varies from replay to replay).
 * Run alone: `node --max-semi-space-size=16 --import tsx bench/plan.ts` (package.json's flag) (prints one JSON line last).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ConnectionConfig } from '../src/core/index.ts';
import {
  executeRun,
  MemoryEngineStore,
  type Source,
  type SourceSnapshot,
  starterConfig,
  type Target,
  type TargetReadResult,
} from '../src/engine/index.ts';
import { createAfasSource } from '../src/sources/afas/index.ts';
import { createGraphTarget } from '../src/targets/graph/index.ts';

export interface PlanFigures {
  readonly persons: number;
  readonly accounts: number;
  readonly planMicrosPerPerson: number;
  readonly cpuMicrosPerPerson: number;
  readonly gcShare: number;
  readonly gcCount: number;
  /** The 1-minute load average at the end of the replays (the machine's other work). */
  readonly loadAverage: number;
  /** Bytes allocated per person by one replay (sampled by V8's heap profiler, collected objects included). */
  readonly allocatedBytesPerPerson: number;
  /**
   * SHA-256 of the replay's run items (every person's action, status, changes, steps and error), when
   * asked for (BENCH_PLAN_HASH=1): a change meant to make the plan cheaper must leave it unchanged.
   */
  readonly itemsHash?: string;
}

/**
 * Bytes allocated while `fn` runs, from V8's sampling heap profiler, counting what GC already took;
 * the sampled profile is written to `profileFile` when one is given.
 */
async function allocatedBytes(fn: () => Promise<unknown>, profileFile?: string): Promise<number> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  await fn();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  if (profileFile) writeFileSync(profileFile, JSON.stringify(profile));
  type Node = { selfSize: number; children: Node[] };
  const sum = (n: Node): number => n.children.reduce((t, c) => t + sum(c), n.selfSize);
  return sum(profile.head as Node);
}

async function startChild(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--max-old-space-size=8192', 'bench/emulators-child.ts', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

export interface PlanProfiles {
  /** Hash the replay's run items (PlanFigures.itemsHash). */
  readonly hash?: boolean;
  /** Where to write a CPU profile of the counted replays. */
  readonly cpu?: string;
  /** Where to write the sampled allocations of the replay that measures bytes per person. */
  readonly heap?: string;
}

/** A CPU profile of what runs between `start` and `stop`, sampled every 200 µs. */
async function cpuProfiler() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  return {
    start: () => session.post('Profiler.start'),
    stop: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

export async function benchPlan(
  persons: number,
  repeat: number,
  profiles: PlanProfiles = {},
): Promise<PlanFigures> {
  const children: ChildProcess[] = [];
  try {
    const common = [String(persons), '7', 'existing', '1'];
    const [afas, graph] = await Promise.all([
      startChild(['afas', ...common]),
      startChild(['graph', ...common]),
    ]);
    children.push(afas.child, graph.child);
    const e = { ...afas.info, ...graph.info } as Record<string, string>;
    const config: ConnectionConfig = {
      ...starterConfig({
        environment: { baseUrl: e.afasBaseUrl as string },
        token: { value: e.afasToken as string },
        tenantId: e.tenantId as string,
        clientId: e.clientId as string,
        credential: { type: 'secret', secret: { value: e.clientSecret as string } },
        defaultDomain: 'contoso.nl',
        authorityHost: e.graphUrl as string,
        graphBaseUrl: e.graphUrl as string,
      }),
      thresholds: { maxDisableDeleteCount: null, maxDisableDeletePercent: 100, maxSourceShrinkPercent: null },
    };
    if (config.target.type !== 'entra') throw new Error('the plan benchmark reads the Graph emulator');
    const target = createGraphTarget(config.target, {
      credential: { clientSecret: e.clientSecret as string },
      ca: e.caPem as string,
    });
    const source = createAfasSource(config.source, { token: e.afasToken as string });
    let snapshot: SourceSnapshot | undefined;
    let tenant: TargetReadResult | undefined;
    // The one real read: what the source and the target answered, kept for the replays.
    const recording: Source = {
      ...source,
      read: async (o) => {
        snapshot = await source.read(o);
        return snapshot;
      },
    };
    const recordingTarget: Target = {
      ...target,
      capabilities: target.capabilities,
      readAccounts: async (o) => {
        tenant = await target.readAccounts(o);
        return tenant;
      },
    };
    const clock = { now: () => '2026-11-24T09:00:00Z' };
    await executeRun({
      kind: 'simulation',
      config,
      source: recording,
      target: recordingTarget,
      store: new MemoryEngineStore(),
      clock,
    });
    await target.close?.();
    for (const c of children) c.kill('SIGTERM');
    const replaySource: Source = { ...source, read: async () => snapshot as SourceSnapshot };
    const replayTarget: Target = {
      ...target,
      capabilities: target.capabilities,
      readAccounts: async () => tenant as TargetReadResult,
    };

    let gcMs = 0;
    let gcCount = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gcMs += entry.duration;
        gcCount += 1;
      }
    });
    const samples: { wall: number; cpu: number; gcMs: number; gcCount: number }[] = [];
    observer.observe({ entryTypes: ['gc'] });
    const profiler = profiles.cpu ? await cpuProfiler() : undefined;
    let itemsHash: string | undefined;
    // The replays read nothing: the full collection a large run makes after its reads
    // (collectReadGarbage in src/engine/run.ts, before its "plan" phase) would only mark what this
    // bench keeps for the replays, so it is left out of the plan's figures.
    const g = globalThis as { gc?: (() => void) | undefined };
    const exposedGc = g.gc;
    g.gc = undefined;
    for (let i = 0; i < repeat + 1; i++) {
      if (i === 1) await profiler?.start();
      const planAt = performance.now();
      const cpuAt = process.cpuUsage();
      const gcBefore = { ms: gcMs, count: gcCount };
      const outcome = await executeRun({
        kind: 'simulation',
        config,
        source: replaySource,
        target: replayTarget,
        store: new MemoryEngineStore(),
        clock,
      });
      const wall = performance.now() - planAt;
      const cpu = process.cpuUsage(cpuAt);
      // GC entries arrive asynchronously; let the observer catch up before reading them.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (outcome.status !== 'succeeded') throw new Error(`replay ${outcome.status}`);
      if (profiles.hash && i === repeat) {
        const hash = createHash('sha256');
        for (const item of outcome.items) hash.update(JSON.stringify(item));
        itemsHash = hash.digest('hex');
      }
      // The first replay warms the JIT; it is not counted.
      if (i > 0)
        samples.push({
          wall,
          cpu: (cpu.user + cpu.system) / 1000,
          gcMs: gcMs - gcBefore.ms,
          gcCount: gcCount - gcBefore.count,
        });
    }
    observer.disconnect();
    g.gc = exposedGc;
    // BENCH_PLAN_SAMPLES=1: every counted replay's figures on stderr (how much one process varies).
    if (process.env.BENCH_PLAN_SAMPLES)
      for (const s of samples)
        console.error(
          `replay: wall ${((s.wall * 1000) / persons).toFixed(2)} µs, cpu ${((s.cpu * 1000) / persons).toFixed(2)} µs, gc ${s.gcMs.toFixed(0)} ms (${s.gcCount})`,
        );
    if (profiles.cpu) await profiler?.stop(profiles.cpu);
    const allocated = await allocatedBytes(
      () =>
        executeRun({
          kind: 'simulation',
          config,
          source: replaySource,
          target: replayTarget,
          store: new MemoryEngineStore(),
          clock,
        }),
      profiles.heap,
    );
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const wall = median(samples.map((s) => s.wall));
    return {
      persons,
      accounts: tenant?.accounts.length ?? 0,
      planMicrosPerPerson: (wall * 1000) / persons,
      cpuMicrosPerPerson: (median(samples.map((s) => s.cpu)) * 1000) / persons,
      gcShare: median(samples.map((s) => s.gcMs / s.wall)),
      gcCount: median(samples.map((s) => s.gcCount)),
      loadAverage: loadavg()[0] ?? 0,
      allocatedBytesPerPerson: allocated / persons,
      ...(itemsHash === undefined ? {} : { itemsHash }),
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchPlan(
    Number(process.env.BENCH_PLAN_PERSONS ?? 50_000),
    Number(process.env.BENCH_PLAN_REPEAT ?? 5),
    {
      ...(process.env.BENCH_PLAN_PROFILE ? { cpu: process.env.BENCH_PLAN_PROFILE } : {}),
      ...(process.env.BENCH_PLAN_HEAP_PROFILE ? { heap: process.env.BENCH_PLAN_HEAP_PROFILE } : {}),
      ...(process.env.BENCH_PLAN_HASH ? { hash: true } : {}),
    },
  );
  console.log(JSON.stringify(figures));
  process.exit(0);
}
