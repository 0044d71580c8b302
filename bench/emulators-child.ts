/**
 * Runs both emulators in their own process for the benchmarks, so the engine's wall time and peak
 * memory are measured without the emulators' share. Prints one JSON line with what to connect to.
 * argv: persons seed tenant(existing|empty) timeScale
 */
import { startAfasEmulator } from '../emulators/afas/index.ts';
import { generateCompany } from '../emulators/demo-data/index.ts';
import { startGraphEmulator } from '../emulators/graph/index.ts';

const [persons = '1000', seed = '1', tenantMode = 'existing', timeScale = '1'] = process.argv.slice(2);
const started = Date.now();
const company = generateCompany({ persons: Number(persons), seed: Number(seed), today: '2026-11-24' });
const tenant = tenantMode === 'empty' ? { ...company.tenant, users: [], groups: [] } : company.tenant;
const generatedMs = Date.now() - started;
const afas = await startAfasEmulator({ dataset: company.afas });
const graph = await startGraphEmulator({
  tenant,
  port: null,
  httpsPort: 0,
  timeScale: Number(timeScale),
  allowAssertionReplay: true,
} as Parameters<typeof startGraphEmulator>[0]);
const app = graph.apps[0];
console.log(
  JSON.stringify({
    afasBaseUrl: afas.baseUrl,
    afasToken: afas.token.xml,
    graphUrl: graph.url,
    tenantId: graph.tenantId,
    clientId: app?.clientId,
    clientSecret: app?.clientSecret,
    caPem: graph.caCertPem,
    tenantUsers: tenant.users.length,
    generatedMs,
  }),
);
process.on('SIGTERM', () => {
  void Promise.all([afas.close(), graph.close()]).then(() => process.exit(0));
});
