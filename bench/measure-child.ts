/**
 * One measurement in a fresh process, so its memory is its own (issue 13): argv[2] is JSON
 * { mode: 'engine' | 'sqlite' | 'postgres', emulators, thread? }. Runs one simulation — the engine on
 * its memory store, or the service's way on a database — then prints one JSON line: the run's seconds,
 * persons, the process's peak RSS from the OS (getrusage's maxRSS, via `process.resourceUsage()`)
 * before the run (`baseRss`: the modules loaded, nothing read) and after it (`maxRss`), the RSS just
 * before the run (`startRss`) and after it once garbage is collected (`afterRss`; run with
 * --expose-gc), the process's CPU seconds over the run (`cpu`, every thread) and the run's garbage
 * collection pauses (`gcMs`, `gcCount`). Peak per person is (maxRss − baseRss) ÷ persons: both peaks
 * measured the same way, so what the process needed before the run is not charged to the persons.
 * With `thread: true` the run is made in a worker thread, as the service's run thread makes it (a
 * check that the process's V8 flags reach a thread's heap; the thread's own start is then charged to
 * the persons too).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { MemoryEngineStore } from '../src/engine/index.ts';
import { openStore } from '../src/store/index.ts';
import { createTestDatabase } from '../test/service/support/databases.ts';
import { benchConnection, runOnce, type ServiceEmulators, serviceRun } from './service.ts';

interface Args {
  readonly mode: 'engine' | 'sqlite' | 'postgres';
  readonly emulators: ServiceEmulators;
  readonly thread?: boolean;
}
interface Measured {
  readonly seconds: number;
  readonly persons: number;
  readonly gcMs: number;
  readonly gcCount: number;
}

// BENCH_MEM_TRACE=1 (diagnosis only, it adds a thread; bench/mem-trace.ts runs it): RSS sampled every 5 ms
// by a thread, and marks with the V8 heap at each engine-store and run-queue call, printed to stderr as one
// JSON line { marks, samples }. BENCH_MEM_LIVE=<mark,…> collects garbage at those marks first (the live
// size, as LIVE@<mark>); BENCH_MEM_SAMPLE=<mark> writes sampling heap profiles there, counting objects a
// full GC collected too (what was promoted), before and after a GC; BENCH_MEM_SNAPSHOT=<mark> a heap
// snapshot. Files go to BENCH_MEM_TRACE_DIR (default /tmp/mem-trace).
const traceDir = process.env.BENCH_MEM_TRACE_DIR ?? '/tmp/mem-trace';
const SAMPLER = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const a = new Float64Array(workerData.buf);
let i = 1;
setInterval(() => {
  const m = /VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (m && i * 2 + 1 < a.length) { a[i * 2] = performance.timeOrigin + performance.now(); a[i * 2 + 1] = Number(m[1]) * 1024; a[0] = ++i; }
}, 5);
`;
const traceOn = process.env.BENCH_MEM_TRACE === '1';
const marks: Record<string, unknown>[] = [];
const liveAt = new Set((process.env.BENCH_MEM_LIVE ?? '').split(','));
const snapshotAt = process.env.BENCH_MEM_SNAPSHOT;
const sampleAt = process.env.BENCH_MEM_SAMPLE;
const inspector = sampleAt ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  inspector.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
  } as never);
}
function sampleProfile(name: string) {
  inspector?.post('HeapProfiler.getSamplingProfile', (error, result) => {
    if (error) throw error;
    writeFileSync(`${traceDir}/${name}.heapprofile`, JSON.stringify(result.profile));
  });
}
function mark(label: string) {
  if (!traceOn) return;
  if (label === sampleAt) {
    sampleProfile(`${label.replace(/[<>]/g, '_')}-all`);
    (globalThis as { gc?: () => void }).gc?.();
    sampleProfile(`${label.replace(/[<>]/g, '_')}-live`);
  }
  if (label === snapshotAt) writeHeapSnapshot(`${traceDir}/${label}.heapsnapshot`);
  if (liveAt.has(label)) {
    const before = getHeapStatistics().used_heap_size;
    (globalThis as { gc?: () => void }).gc?.();
    marks.push({
      t: performance.timeOrigin + performance.now(),
      tp: performance.now(),
      label: `LIVE@${label}`,
      rss: before,
      heapUsed: getHeapStatistics().used_heap_size,
      heapTotal: 0,
      external: 0,
      arrayBuffers: 0,
      malloced: 0,
    });
  }
  const h = getHeapStatistics();
  const m = process.memoryUsage();
  marks.push({
    t: performance.timeOrigin + performance.now(),
    tp: performance.now(),
    label,
    rss: m.rss,
    heapUsed: h.used_heap_size,
    heapTotal: h.total_heap_size,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    malloced: h.malloced_memory,
  });
}
function traced<T extends object>(o: T, prefix: string): T {
  if (!traceOn) return o;
  return new Proxy(o, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        mark(`${prefix}${String(name)}>`);
        const result = value.apply(target, args);
        if (result instanceof Promise)
          result.then(
            () => mark(`${prefix}${String(name)}<`),
            () => {},
          );
        else mark(`${prefix}${String(name)}<`);
        return result;
      };
    },
  });
}

async function measureRun({ mode, emulators }: Args): Promise<Measured> {
  let gcMs = 0;
  let gcCount = 0;
  const pauses = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount++;
    }
  });
  pauses.observe({ entryTypes: ['gc'] });
  let seconds: number;
  let persons: number;
  if (mode === 'engine') {
    const r = await runOnce('simulation', emulators, traced(new MemoryEngineStore(), ''));
    seconds = r.seconds;
    persons = r.outcome.sourceCount;
  } else {
    const database = await createTestDatabase(mode);
    const opened = await openStore({
      databaseUrl: database.databaseUrl,
      sqliteFile: database.sqliteFile,
      secretKey: randomBytes(32),
    });
    const store = traceOn
      ? new Proxy(opened, {
          get(target, name, receiver) {
            const value = Reflect.get(target, name, receiver);
            if (name === 'engineStore')
              return (id: string) =>
                traced(opened.engineStore(id) as object, '') as ReturnType<typeof opened.engineStore>;
            if (name === 'runQueue') return traced(opened.runQueue, 'queue.');
            return typeof value === 'function' ? value.bind(target) : value;
          },
        })
      : opened;
    try {
      const { org, connection } = await benchConnection(store);
      const r = await serviceRun(store, org, connection.id, 'simulation', emulators);
      seconds = r.seconds;
      persons = r.persons;
    } finally {
      await store.close();
      await database.dispose();
    }
  }
  // Entries are delivered asynchronously: the last ones arrive after a turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  pauses.disconnect();
  return { seconds, persons, gcMs, gcCount };
}

if (!isMainThread) {
  parentPort?.postMessage(await measureRun(workerData as Args));
  process.exit(0);
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseRss = process.resourceUsage().maxRSS * 1024;
const startRss = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const sampled = traceOn ? new SharedArrayBuffer(8 * 2 * 200_000) : undefined;
const sampler = sampled ? new Worker(SAMPLER, { eval: true, workerData: { buf: sampled } }) : undefined;
mark('start');
const measured = args.thread
  ? await new Promise<Measured>((resolve, reject) => {
      // Loaded through tsx as the service's run thread loads its entry (src/app/run-thread.ts).
      const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
      const boot = `import(${tsx}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const thread = new Worker(boot, { eval: true, workerData: args });
      thread.once('message', resolve);
      thread.once('error', reject);
    })
  : await measureRun(args);
const cpu = process.cpuUsage(cpuBefore);
mark('end');
if (sampled) {
  await sampler?.terminate();
  const a = new Float64Array(sampled);
  const samples: [number, number][] = [];
  for (let i = 1; i < (a[0] as number); i++) samples.push([a[i * 2] as number, a[i * 2 + 1] as number]);
  console.error(JSON.stringify({ marks, samples }));
}
for (let i = 0; i < 3; i++) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log(
  JSON.stringify({
    mode: args.mode,
    ...measured,
    cpu: (cpu.user + cpu.system) / 1e6,
    baseRss,
    startRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    afterRss: process.memoryUsage().rss,
  }),
);
process.exit(0);
