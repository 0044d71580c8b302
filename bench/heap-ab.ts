/**
 * Interleaved A/B of V8 heap flags on peak RSS (issue 13): starts the emulators once
 * (BENCH_SERVICE_PERSONS, default 50,000), then for each of BENCH_AB_ROUNDS rounds (default 5) runs
 * bench/measure-child.ts once per variant and mode, in a fresh process each, the variants' order
 * rotating per round. BENCH_AB_VARIANTS: JSON array of flag arrays (the first is the baseline);
 * BENCH_AB_MODES: comma-separated (default engine,sqlite,postgres; `thread:sqlite` runs the service's
 * run in a worker thread). Prints one JSON line per run and medians per variant and mode.
 * BENCH_AB_DIRS: JSON array of checkouts (the first is the baseline) to compare code instead of flags:
 * each is a variant, run with the first flags variant, measure-child started in that directory.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { withEmulators } from './scale.ts';

const run = promisify(execFile);
const persons = Number(process.env.BENCH_SERVICE_PERSONS ?? 50_000);
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 5);
const flagVariants = JSON.parse(
  process.env.BENCH_AB_VARIANTS ?? '[["--max-semi-space-size=16"]]',
) as string[][];
const dirs = process.env.BENCH_AB_DIRS ? (JSON.parse(process.env.BENCH_AB_DIRS) as string[]) : undefined;
const variants = dirs ? dirs.map(() => flagVariants[0] as string[]) : flagVariants;
const label = (v: number) => (dirs ? (dirs[v] as string) : (variants[v] as string[]).join(' '));
const modes = (process.env.BENCH_AB_MODES ?? 'engine,sqlite,postgres').split(',');

type Figure = 'peakKb' | 'seconds' | 'cpu' | 'gcMs' | 'load';
type Row = { readonly variant: number; readonly mode: string } & Record<Figure, number>;
/** What bench/measure-child.ts prints. */
interface Measured {
  readonly persons: number;
  readonly seconds: number;
  readonly cpu: number;
  readonly gcMs: number;
  readonly baseRss: number;
  readonly maxRss: number;
}
const rows: Row[] = [];
await withEmulators(persons, async (e) => {
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = (k + round) % variants.length;
      for (const m of modes) {
        const [thread, mode] = m.startsWith('thread:') ? [true, m.slice(7)] : [false, m];
        const { stdout } = await run(
          process.execPath,
          [
            '--expose-gc',
            ...(variants[v] as string[]),
            '--import',
            'tsx',
            'bench/measure-child.ts',
            JSON.stringify({ mode, emulators: e, thread }),
          ],
          { maxBuffer: 1 << 24, ...(dirs ? { cwd: dirs[v] } : {}) },
        );
        const r = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measured;
        const row: Row = {
          variant: v,
          mode: m,
          peakKb: (r.maxRss - r.baseRss) / 1024 / r.persons,
          seconds: r.seconds,
          cpu: r.cpu,
          gcMs: r.gcMs,
          load: loadavg()[0] ?? 0,
        };
        rows.push(row);
        console.log(JSON.stringify({ round, flags: label(v), ...row, maxRssMB: r.maxRss / 2 ** 20 }));
      }
    }
  }
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (const m of modes)
  for (let v = 0; v < variants.length; v++) {
    const mine = rows.filter((r) => r.variant === v && r.mode === m);
    const f = (k: Figure, d = 2) => `${median(mine.map((r) => r[k])).toFixed(d)}`;
    const range = (k: Figure, d = 2) =>
      `${Math.min(...mine.map((r) => r[k])).toFixed(d)}–${Math.max(...mine.map((r) => r[k])).toFixed(d)}`;
    console.log(
      `${m.padEnd(14)} ${label(v).padEnd(60)} peak ${f('peakKb')} KB (${range('peakKb')}) s ${f('seconds')} (${range('seconds')}) cpu ${f('cpu')} (${range('cpu')}) gc ${f('gcMs', 0)} ms load ${range('load', 1)}`,
    );
  }
process.exit(0);
