import { type Command, InvalidArgumentError } from 'commander';
import { fail, serviceConfig, stopOnSignals, withServiceOptions } from '../../app/cli-support.ts';
import { DEMO_SAMBA_ADDRESS } from '../../app/demo-hybrid.ts';
import { prepareConsole, startDemo } from '../../app/index.ts';
import { hrsyncCommand } from '../command-table.ts';

const loopback = (v: string) => {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v) || v.split('.').some((p) => Number(p) > 255))
    throw new InvalidArgumentError('a loopback address such as 127.0.0.90');
  return v;
};

const positive = (max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
  return n;
};

/** `hrsync demo` (npm start): the service with both emulators and a ready-made demo connection. */
export function demoCommand(): Command {
  return withServiceOptions(hrsyncCommand('demo'))
    .option('--persons <n>', 'employees in the demo company', positive(50_000), 150)
    .option('--seed <n>', 'seed of the generated company', positive(2 ** 31), 2026)
    .option(
      '--hybrid',
      'also run a real Samba Active Directory domain (in the data folder) with a hybrid tenant and connection; needs Samba installed',
    )
    .option(
      '--samba-address <ip>',
      `loopback address of the demo's domain controller (LDAPS on port 636)`,
      loopback,
      DEMO_SAMBA_ADDRESS,
    )
    .action(async (options) => {
      // Request logs would bury the sign-in banner; the demo logs warnings unless asked for more.
      const config = serviceConfig({ logLevel: 'warn', ...options });
      const print = (line: string) => process.stdout.write(`${line}\n`);
      try {
        // A fresh clone has no built console and a pulled one an old one: build it here.
        await prepareConsole(config.webDir, { build: true, print });
        const demo = await startDemo(config, {
          print,
          persons: options.persons,
          seed: options.seed,
          ...(options.hybrid ? { hybrid: { address: options.sambaAddress } } : {}),
        });
        stopOnSignals(() => demo.stop());
      } catch (error) {
        fail(error);
      }
    });
}
