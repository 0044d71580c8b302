import { type Command, InvalidArgumentError } from 'commander';
import { hrsyncCommand } from '../../src/cli/command-table.ts';
import { writeProblem } from '../../src/core/file-problem.ts';
import { reportingStartProblems } from '../start-problem.ts';
import { writeDataset } from './dataset-file.ts';
import { DEFAULT_DOMAIN, generateCompany, MAX_PERSONS } from './generate.ts';
import { isLocalDate } from './local-date.ts';
import { formatSummary, summarizeCompany } from './summary.ts';

export interface DemoDataIo {
  readonly print: (line: string) => void;
}

interface DemoDataOptions {
  readonly persons: number;
  readonly seed: number;
  readonly today?: string;
  readonly domain?: string;
  readonly out?: string;
}

/** `hrsync demo-data --persons N --seed S [--today YYYY-MM-DD] [--domain D] [--out file.json]` */
export function demoDataCommand(io: DemoDataIo = { print: (line) => console.log(line) }): Command {
  return hrsyncCommand('demo-data')
    .option('--persons <n>', `number of employees, 1 to ${MAX_PERSONS}`, toPersons, 1000)
    .option('--seed <n>', 'seed: the same seed and options give the same bytes', toSeed, 1)
    .option('--today <date>', 'the date the company is generated for (default: today in Amsterdam)', toDate)
    .option('--domain <domain>', `the company's mail domain (default ${DEFAULT_DOMAIN})`)
    .option('--out <file>', 'write the dataset as JSON (what the emulators load with --data)')
    .action(
      reportingStartProblems('hrsync demo-data', async (options: DemoDataOptions) => {
        const started = performance.now();
        const company = generateCompany({
          persons: options.persons,
          seed: options.seed,
          ...(options.today === undefined ? {} : { today: options.today }),
          ...(options.domain === undefined ? {} : { domain: options.domain }),
        });
        const generatedMs = performance.now() - started;
        for (const line of formatSummary(summarizeCompany(company), generatedMs)) io.print(line);
        if (options.out !== undefined) {
          const writeStarted = performance.now();
          // A write's error (a full disk) has no path of its own: the file is named here.
          await writeDataset(options.out, company).catch((error: unknown) => {
            throw new Error(`cannot write ${options.out}: ${writeProblem(error)}`);
          });
          io.print(`written to:   ${options.out} in ${(performance.now() - writeStarted).toFixed(0)} ms`);
        }
      }),
    );
}

function toPersons(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERSONS)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_PERSONS}`);
  return n;
}

function toSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function toDate(value: string): string {
  if (!isLocalDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}
