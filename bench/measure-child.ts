/**
 * One measurement in a fresh process, so its memory is its own (issue 13): argv[2] is JSON
 * { mode: 'engine' | 'sqlite' | 'postgres', emulators }. Runs one simulation — the engine on its
 * memory store, or the service's way on a database — then prints one JSON line: the run's seconds,
 * persons, the process's peak RSS from the OS (getrusage's maxRSS, via `process.resourceUsage()`)
 * before the run (`baseRss`: the modules loaded, nothing read) and after it (`maxRss`), the RSS just
 * before the run (`startRss`) and after it once garbage is collected (`afterRss`; run with
 * --expose-gc). Peak per person is (maxRss − baseRss) ÷ persons: both peaks measured the same way,
 * so what the process needed before the run is not charged to the persons.
 */
import { randomBytes } from 'node:crypto';
import { MemoryEngineStore } from '../src/engine/index.ts';
import { openStore } from '../src/store/index.ts';
import { createTestDatabase } from '../test/service/support/databases.ts';
import { runOnce, type ServiceEmulators, serviceRun } from './service.ts';

const { mode, emulators } = JSON.parse(process.argv[2] ?? '{}') as {
  mode: 'engine' | 'sqlite' | 'postgres';
  emulators: ServiceEmulators;
};
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseRss = process.resourceUsage().maxRSS * 1024;
const startRss = process.memoryUsage().rss;
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
    const org = (await store.organisations.create('Bench')).id;
    const connection = await store.connections.create({
      organisationId: org,
      tenantId: null,
      name: 'bench',
      description: '',
      destinationType: 'cloud',
      config: {},
      progress: 0,
    });
    const r = await serviceRun(store, org, connection.id, 'simulation', emulators);
    seconds = r.seconds;
    persons = r.persons;
  } finally {
    await store.close();
    await database.dispose();
  }
}
for (let i = 0; i < 3; i++) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log(
  JSON.stringify({
    mode,
    seconds,
    persons,
    baseRss,
    startRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    afterRss: process.memoryUsage().rss,
  }),
);
process.exit(0);
