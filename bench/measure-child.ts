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
import { PerformanceObserver } from 'node:perf_hooks';
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
    const r = await runOnce('simulation', emulators, new MemoryEngineStore());
    seconds = r.seconds;
    persons = r.outcome.sourceCount;
  } else {
    const database = await createTestDatabase(mode);
    const store = await openStore({
      databaseUrl: database.databaseUrl,
      sqliteFile: database.sqliteFile,
      secretKey: randomBytes(32),
    });
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
