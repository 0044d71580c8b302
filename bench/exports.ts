/**
 * The run-item CSV export of a 50,000-person run (BENCH_SERVICE_PERSONS), over HTTP from the real API
 * on SQLite: its wall time and how much the process's peak RSS grew while writing it (getrusage's
 * maxRSS, from the OS), in a fresh child that only serves and downloads it — the run is recorded by
 * another child first, so its peak is not the export's. Goal "(reported)": exports are written as
 * they are read (src/api/exports.ts), so the growth should not follow the run's size.
 * Alone: `BENCH_ONLY=exports`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../test/service/support/databases.ts';

type Report = (name: string, figure: string, goal: string, ratio: number, ok: boolean) => void;

function child(args: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/export-child.ts', JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => {
      out += String(c);
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Record<string, unknown>);
      else reject(new Error(`export-child ${String(args.step)} exited ${code}: ${out}`));
    });
  });
}

export async function benchExports(persons: number, report: Report, fmt: (n: number, d?: number) => string) {
  const database = await createTestDatabase('sqlite');
  try {
    const base = { sqliteFile: database.sqliteFile, persons, key: randomBytes(32).toString('hex') };
    const seeded = await child({ ...base, step: 'seed' });
    const m = (await child({ ...base, ...seeded, step: 'export' })) as {
      seconds: number;
      bytes: number;
      lines: number;
      baseRss: number;
      maxRss: number;
    };
    const mb = (n: number) => n / 1024 / 1024;
    console.log(
      `# run-item CSV export (sqlite): ${persons} persons, ${fmt(mb(m.bytes), 1)} MB, ${m.lines} lines in ${fmt(m.seconds)} s; peak RSS ${fmt(mb(m.baseRss), 0)} MB served, ${fmt(mb(m.maxRss), 0)} MB after`,
    );
    report(
      `run-item CSV export, ${persons.toLocaleString('en')} persons (sqlite)`,
      `${fmt(m.seconds)} s, +${fmt(mb(m.maxRss - m.baseRss), 0)} MB RSS`,
      '(reported)',
      0,
      true,
    );
  } finally {
    await database.dispose();
  }
}
