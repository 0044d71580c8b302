import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createSelfSignedCertificate } from '../shared/tls.ts';
import { type GraphCommandOptions, graphCommand, printStartup, runGraphEmulator } from './command.ts';
import { smallTenant } from './test-support.ts';

describe('hrsync emulator graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-graph-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('declares the documented options', () => {
    const names = graphCommand().options.map((o) => o.long);
    for (const name of [
      '--port',
      '--https-port',
      '--users',
      '--seed',
      '--tenant',
      '--client-id',
      '--client-secret',
      '--certificate',
      '--time-scale',
      '--data',
    ]) {
      assert.ok(names.includes(name), name);
    }
  });

  test('serves a dataset file over HTTP and HTTPS and prints what a client needs under the option names', async () => {
    const data = join(dir, 'company.json');
    writeFileSync(
      data,
      JSON.stringify({ afas: { environmentId: '1', connectors: [] }, tenant: smallTenant() }),
    );
    const certificate = join(dir, 'app.pem');
    writeFileSync(certificate, createSelfSignedCertificate('cli app').certPem);
    const options: GraphCommandOptions = {
      port: 0,
      httpsPort: 0,
      host: '127.0.0.1',
      users: 10,
      seed: 7,
      tenant: '11111111-2222-4333-8444-555555555555',
      clientSecret: 'cli-secret',
      certificate,
      timeScale: 0.5,
      data,
      tlsDir: join(dir, 'tls'),
    };
    const running = await runGraphEmulator(options);
    try {
      const lines: string[] = [];
      printStartup(running, options, (line) => lines.push(line));
      const text = lines.join('\n');
      assert.match(text, /tenant: +11111111-2222-4333-8444-555555555555/);
      assert.match(
        text,
        new RegExp(`token endpoint: +https://127\\.0\\.0\\.1:\\d+/${running.tenantId}/oauth2/v2\\.0/token`),
      );
      assert.match(text, /graph base: +https:\/\/127\.0\.0\.1:\d+\/v1\.0/);
      assert.match(text, /client-id: +[0-9a-f-]{36}/);
      assert.match(text, /client-secret: +cli-secret/);
      assert.match(text, new RegExp(`ca-file: +${join(dir, 'tls', 'ca.pem').replaceAll('.', '\\.')}`));
      assert.equal(running.state.directory.userCount, 3);
      assert.equal(running.state.timeScale, 0.5);

      const token = await fetch(`${running.httpUrl}/contoso.nl/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: running.apps[0]!.clientId,
          client_secret: 'cli-secret',
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      assert.equal(token.status, 200);

      // The same seed gives the same client id.
      const again = await runGraphEmulator({ ...options, httpsPort: 0 });
      assert.equal(again.apps[0]!.clientId, running.apps[0]!.clientId);
      await again.close();
    } finally {
      await running.close();
    }
  });
});
