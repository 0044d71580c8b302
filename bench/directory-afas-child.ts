/**
 * The AFAS emulator for the directory benchmark, in a process of its own: AFAS is a remote service,
 * so serving 20,000 persons must not be charged to the simulation's wall time (it ran on the same
 * event loop before). Prints one JSON line with what to connect to.
 * argv: count firstEmployeeNumber familyName
 */
import { startAfasEmulator } from '../emulators/afas/index.ts';
import { company } from '../test/engine/company.ts';
import { benchPeople } from './directory-people.ts';

const [count = '1000', first = '100000', family = 'Jansen'] = process.argv.slice(2);
const afas = await startAfasEmulator({ dataset: company(benchPeople(Number(count), Number(first), family)) });
console.log(JSON.stringify({ baseUrl: afas.baseUrl, token: afas.token.xml }));
process.on('SIGTERM', () => {
  void afas.close().then(() => process.exit(0));
});
