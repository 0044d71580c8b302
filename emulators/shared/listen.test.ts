import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { listen } from './listen.ts';
import { createTestPki } from './tls.ts';

function helloApp() {
  const app = Fastify();
  app.get('/hello', async (req) => ({ protocol: req.protocol }));
  return app;
}

describe('listen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-tls-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('serves one app over HTTP and HTTPS, trusted through the persisted CA', async () => {
    const served = await listen(helloApp(), { port: 0, httpsPort: 0, tlsDir: dir });
    const agent = new Agent({ connect: { ca: readFileSync(served.caFile!, 'utf8') } });
    try {
      const plain = await request(`${served.httpUrl}/hello`);
      assert.deepEqual(await plain.body.json(), { protocol: 'http' });
      const secure = await request(`${served.httpsUrl}/hello`, { dispatcher: agent });
      assert.deepEqual(await secure.body.json(), { protocol: 'https' });
      assert.equal(served.url, served.httpsUrl);
    } finally {
      await agent.close();
      await served.close();
    }
  });

  test('an untrusted client is refused by the HTTPS side', async () => {
    const served = await listen(helloApp(), { httpsPort: 0, tls: createTestPki() });
    try {
      assert.equal(served.httpUrl, undefined);
      await assert.rejects(request(`${served.httpsUrl}/hello`), /certificate/i);
    } finally {
      await served.close();
    }
  });

  test('a persisted PKI is reused on the next start', () => {
    const first = createTestPki({ dir });
    const second = createTestPki({ dir });
    assert.equal(second.caCertPem, first.caCertPem);
    assert.equal(second.caFile, join(dir, 'ca.pem'));
  });

  test('when the HTTPS side cannot start, the plain HTTP side is closed too (the process can exit)', async () => {
    // A port out of range (server.listen throws at once) and a TLS folder that is a file (the
    // test PKI cannot be written) left the HTTP side listening: the emulator said why and hung.
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const leftListening: string[] = [];
    for (const options of [
      { port: 0, httpsPort: 70000 },
      { port: 0, httpsPort: 0, tlsDir: file },
    ]) {
      const app = helloApp();
      await assert.rejects(listen(app, options));
      if (app.server.listening) {
        leftListening.push(JSON.stringify(options));
        await app.close();
      }
    }
    assert.deepEqual(leftListening, []);
  });

  test('a port of null with no httpsPort is refused', async () => {
    await assert.rejects(listen(helloApp(), { port: null }), /give a port/);
  });
});
