/**
 * The organisation's mail server is trusted as Node trusts (the public roots and NODE_EXTRA_CA_CERTS)
 * and, besides, by HRSYNC_EXTRA_CA_FILE's CA: that CA is added, never put in place of the rest. A mail
 * server with a public certificate stayed unreachable once an installation set the file for its own
 * services. NODE_EXTRA_CA_CERTS is read by Node at start, so the sender runs in a child started with it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createTestPki } from '../../emulators/shared/tls.ts';

const run = promisify(execFile);
let dir: string;
let nodeCa: string;
let otherCa: string;
let port: number;
let server: SMTPServer;
let received = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-mail-trust-'));
  const pki = createTestPki({ hosts: ['127.0.0.1'] });
  nodeCa = join(dir, 'node-extra.pem');
  await writeFile(nodeCa, pki.caCertPem);
  otherCa = createTestPki({ hosts: ['127.0.0.1'] }).caCertPem;
  server = new SMTPServer({
    secure: true,
    key: pki.keyPem,
    cert: pki.certPem,
    authOptional: true,
    logger: false,
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => {
        received++;
        done();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

test('a mail server Node trusts stays trusted when HRSYNC_EXTRA_CA_FILE names another CA', async () => {
  const script = `
    import { sendMail } from ${JSON.stringify(join(import.meta.dirname, 'email.ts'))};
    const smtp = { host: '127.0.0.1', port: Number(process.env.PORT), security: 'tls', username: null, password: null, from: 'hrsync@acme.test' };
    try {
      await sendMail(smtp, { to: ['ops@acme.test'], subject: 'Test', text: 'Hello', kind: 'test' }, { timeoutMs: 5000, extraCa: process.env.OTHER_CA });
      console.log('ok');
    } catch (e) { console.log(String(e.code) + ': ' + e.message); }`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: nodeCa, OTHER_CA: otherCa, PORT: String(port) },
  });
  assert.equal(stdout.trim(), 'ok');
  assert.equal(received, 1);
});
