/**
 * Where a run's peak RSS falls (issue 13): starts the emulators once (BENCH_SERVICE_PERSONS), then runs
 * bench/measure-child.ts with BENCH_MEM_TRACE=1 once per mode (BENCH_AB_MODES) and round
 * (BENCH_AB_ROUNDS): RSS sampled every 5 ms by a thread and the V8 heap at each store call, with
 * --trace-gc. Writes each child's stderr and stdout to BENCH_MEM_TRACE_DIR (default /tmp/mem-trace).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { withEmulators } from './scale.ts';

const run = promisify(execFile);
const persons = Number(process.env.BENCH_SERVICE_PERSONS ?? 50_000);
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 1);
const modes = (process.env.BENCH_AB_MODES ?? 'engine,sqlite,postgres').split(',');
const flags = JSON.parse(process.env.BENCH_AB_FLAGS ?? '["--max-semi-space-size=16"]') as string[];
const dir = process.env.BENCH_MEM_TRACE_DIR ?? '/tmp/mem-trace';
mkdirSync(dir, { recursive: true });
await withEmulators(persons, async (e) => {
  for (let round = 0; round < rounds; round++)
    for (const mode of modes) {
      const { stdout, stderr } = await run(
        process.execPath,
        [
          '--expose-gc',
          '--trace-gc',
          ...flags,
          '--import',
          'tsx',
          'bench/measure-child.ts',
          JSON.stringify({ mode, emulators: e }),
        ],
        { maxBuffer: 1 << 28, env: { ...process.env, BENCH_MEM_TRACE: '1' } },
      );
      writeFileSync(`${dir}/${mode}-${round}.out`, stdout);
      writeFileSync(`${dir}/${mode}-${round}.err`, stderr);
      console.log(mode, round, stdout.trim().split('\n').at(-1));
    }
});
process.exit(0);
