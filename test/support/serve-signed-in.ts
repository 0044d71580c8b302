/**
 * `hrsync serve` composed from an environment, as the CLI composes it (no console build), with its first
 * admin signed in: for tests of settings only the environment gives (HRSYNC_EXTRA_CA_FILE and the like).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadServiceConfig, startService } from '../../src/app/index.ts';
import { createApiClient } from '../../src/cli/api-client/index.ts';
import { pathFor, signIn } from '../../src/contracts/index.ts';

const EMAIL = 'admin@acme.test';
const PASSWORD = 'a long admin password for the service tests 7';

/** Serves from `dir` (its data and an absent console) with `env` beside the first admin's settings. */
export async function serveSignedIn(dir: string, env: Record<string, string>) {
  const config = loadServiceConfig(
    { dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, logLevel: 'silent' },
    {
      HRSYNC_WEB_DIR: join(dir, 'no-console'),
      HRSYNC_ADMIN_EMAIL: EMAIL,
      HRSYNC_ADMIN_PASSWORD: PASSWORD,
      HRSYNC_ORGANISATION: 'Acme MSP',
      ...env,
    },
  );
  const service = await startService(config, { print: () => {} });
  const login = await fetch(service.url + pathFor(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { service, api: createApiClient({ baseUrl: service.url, headers: { cookie } }) };
}
