import { Command, InvalidArgumentError } from 'commander';
import { afasDatasetIn } from '../demo-data/dataset-check.ts';
import { MAX_PERSONS } from '../demo-data/limits.ts';
import type { AfasDataset } from '../demo-data/types.ts';
import { toPort, toSeed, wholeNumber } from '../shared/option-values.ts';
import { readDataFile, reportingStartProblems } from '../start-problem.ts';
import { type FaultSpec, MAX_DELAY_MS, parseFaultArgument } from './fault-spec.ts';
import { type RunningAfasEmulator, startAfasEmulator } from './start.ts';
import { type AfasToken, afasToken } from './token.ts';

export interface AfasCommandOptions {
  readonly port: number;
  readonly httpsPort?: number;
  readonly host: string;
  readonly persons: number;
  readonly seed: number;
  readonly data?: string;
  readonly token?: AfasToken;
  readonly latency?: number;
  readonly jitter?: number;
  readonly fault: FaultSpec[];
  readonly profitVersion?: string;
  readonly usersConnector?: string;
  readonly tlsDir: string;
}

export interface AfasCommandIo {
  print(line: string): void;
  /** Resolves when the emulator should stop; default: the first SIGINT or SIGTERM. */
  stopSignal(): Promise<void>;
}

const processIo: AfasCommandIo = {
  print: (line) => process.stdout.write(`${line}\n`),
  stopSignal: () =>
    new Promise((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};

/** `hrsync emulator afas …`: a generated (or loaded) company behind AFAS Profit REST. */
export function afasCommand(io: AfasCommandIo = processIo): Command {
  return new Command('afas')
    .description(
      'Run the AFAS Profit REST emulator (GetConnectors, UpdateConnectors, metainfo) with a generated company',
    )
    .option('--port <port>', 'plain HTTP port (0 = any free port)', toPort, 7080)
    .option('--https-port <port>', 'also serve HTTPS on this port, with a test CA', toPort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--persons <n>', 'persons in the generated company', wholeNumber(1, MAX_PERSONS), 50)
    .option('--seed <n>', 'seed for the generated company', toSeed, 1)
    .option('--data <file>', 'AfasDataset or DemoCompany JSON to serve instead of generating one')
    .option(
      '--token <token>',
      'App Connector token: the whole XML or its 64 hex characters (default: generated)',
      toToken,
    )
    .option('--latency <ms>', 'delay every request by this many milliseconds', wholeNumber(0, MAX_DELAY_MS))
    .option('--jitter <ms>', 'with --latency: up to this much extra delay', wholeNumber(0, MAX_DELAY_MS))
    .option(
      '--fault <spec>',
      'arm a fault, e.g. error:connector=T4E_HelloID_Users_v2,page=3,count=1 (repeatable)',
      collectFault,
      [],
    )
    .option('--profit-version <version>', 'what GET /ProfitVersion answers')
    .option(
      '--users-connector <id>',
      'GetConnector with the employee, person and user columns (default T4E_HelloID_Users_v2)',
    )
    .option('--tls-dir <dir>', 'where the test CA and server certificate are kept', '.data/afas-emulator-tls')
    .action(
      reportingStartProblems('hrsync emulator afas', async (options: AfasCommandOptions) => {
        const running = await runAfasEmulator(options);
        printStartup(running, io.print);
        await io.stopSignal();
        await running.close();
        io.print('AFAS Profit emulator stopped');
      }),
    );
}

export async function runAfasEmulator(options: AfasCommandOptions): Promise<RunningAfasEmulator> {
  if (options.jitter !== undefined && options.latency === undefined)
    throw new Error('--jitter needs --latency');
  const latency: FaultSpec[] =
    options.latency === undefined
      ? []
      : [
          {
            kind: 'latency',
            ms: options.latency,
            ...(options.jitter === undefined ? {} : { jitterMs: options.jitter }),
          },
        ];
  const dataset = await loadDataset(options);
  const usersConnector = options.usersConnector;
  // A connector the dataset lacks would make every KnUser update answer "does not exist".
  if (
    usersConnector !== undefined &&
    !dataset.connectors.some((c) => c.id.toLowerCase() === usersConnector.toLowerCase())
  )
    throw new Error(
      `--users-connector ${usersConnector} is not a connector of the dataset (${dataset.connectors.map((c) => c.id).join(', ')})`,
    );
  return startAfasEmulator({
    dataset,
    port: options.port,
    host: options.host,
    tlsDir: options.tlsDir,
    faults: [...latency, ...options.fault],
    ...(options.httpsPort === undefined ? {} : { httpsPort: options.httpsPort }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.profitVersion === undefined ? {} : { profitVersion: options.profitVersion }),
    ...(options.usersConnector === undefined ? {} : { usersConnectorId: options.usersConnector }),
  });
}

/** Lines are labelled with the option names, so what is printed can be passed back in. */
export function printStartup(running: RunningAfasEmulator, print: (line: string) => void): void {
  const { state } = running;
  print('AFAS Profit emulator is running');
  print(`  base-url:        ${running.baseUrl}`);
  if (running.httpsBaseUrl && running.httpBaseUrl) print(`  plain http:      ${running.httpBaseUrl}`);
  print(`  environment:     ${state.environmentId}`);
  print(`  token:           ${running.token.xml}`);
  print(`  authorization:   ${running.token.header}`);
  print(
    `  connectors:      ${state
      .tables()
      .map((t) => `${t.id} (${t.rowCount} rows)`)
      .join(', ')}`,
  );
  for (const fault of state.faults.list()) print(`  fault:           ${JSON.stringify(fault.spec)}`);
  if (running.caFile) print(`  ca-file:         ${running.caFile}   (NODE_EXTRA_CA_CERTS=${running.caFile})`);
  print(`  admin:           ${running.adminUrl}/state`);
}

async function loadDataset(options: AfasCommandOptions): Promise<AfasDataset> {
  if (options.data !== undefined) {
    return afasDatasetIn(readDataFile(options.data), `--data ${options.data}`, options.usersConnector);
  }
  // Loaded on demand: the generator is only needed when no dataset file is given.
  const { generateCompany } = await import('../demo-data/index.ts');
  return generateCompany({ persons: options.persons, seed: options.seed }).afas;
}

function toToken(value: string): AfasToken {
  try {
    return afasToken(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function collectFault(value: string, previous: FaultSpec[]): FaultSpec[] {
  try {
    return [...previous, parseFaultArgument(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
