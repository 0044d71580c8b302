/**
 * Runs one emulator in its own process for the benchmarks, as AFAS and Microsoft Graph are separate
 * services: the engine's wall time and peak memory are measured without the emulators' share, and
 * the two emulators do not queue behind each other. Prints one JSON line with what to connect to.
 * argv: afas|graph persons seed tenant(existing|empty) timeScale
 */
import { startAfasEmulator } from '../emulators/afas/index.ts';
import { generateCompany } from '../emulators/demo-data/index.ts';
import { startGraphEmulator } from '../emulators/graph/index.ts';

const [which = 'afas', persons = '1000', seed = '1', tenantMode = 'existing', timeScale = '1'] =
  process.argv.slice(2);
const started = Date.now();
const company = generateCompany({ persons: Number(persons), seed: Number(seed), today: '2026-11-24' });
const generatedMs = Date.now() - started;
let close: () => Promise<void>;
if (which === 'afas') {
  const afas = await startAfasEmulator({ dataset: company.afas });
  close = afas.close;
  console.log(JSON.stringify({ afasBaseUrl: afas.baseUrl, afasToken: afas.token.xml, generatedMs }));
} else {
  const tenant = tenantMode === 'empty' ? { ...company.tenant, users: [], groups: [] } : company.tenant;
  const graph = await startGraphEmulator({ tenant, port: null, httpsPort: 0, timeScale: Number(timeScale) });
  close = graph.close;
  const app = graph.apps[0];
  console.log(
    JSON.stringify({
      graphUrl: graph.url,
      tenantId: graph.tenantId,
      clientId: app?.clientId,
      clientSecret: app?.clientSecret,
      caPem: graph.caCertPem,
      tenantUsers: tenant.users.length,
    }),
  );
}
process.on('SIGTERM', () => {
  void close().then(() => process.exit(0));
});
