/**
 * fetchTrusting trusts what Node itself trusts besides the CA it is given: a server whose CA is named
 * by NODE_EXTRA_CA_CERTS (read by Node at start, so a child process is started with it) stays trusted
 * when HRSYNC_EXTRA_CA_FILE's CA is added, and a CA named by neither is still refused.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../../test/support/tls-server.ts';

const run = promisify(execFile);
let dir: string;
let byNode: CountingTlsServer;
let byNobody: CountingTlsServer;
let nodeCa: string;
let otherCa: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-trusting-'));
  const node = createTestPki({ hosts: ['127.0.0.1'] });
  byNode = await startCountingTlsServer(node);
  nodeCa = join(dir, 'node-extra.pem');
  await writeFile(nodeCa, node.caCertPem);
  byNobody = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
  otherCa = createTestPki({ hosts: ['127.0.0.1'] }).caCertPem;
});
after(async () => {
  await byNode?.close();
  await byNobody?.close();
  await rm(dir, { recursive: true, force: true });
});

/** In a process started with NODE_EXTRA_CA_CERTS: fetchTrusting(another CA) of `url`, "ok" or the error's code. */
async function fetchedInChild(url: string): Promise<string> {
  const script = `
    import { fetchTrusting } from ${JSON.stringify(join(import.meta.dirname, 'trusting-fetch.ts'))};
    const t = fetchTrusting(process.env.OTHER_CA);
    try { await (await t.fetch(process.env.URL, {})).text(); console.log('ok'); }
    catch (e) { let c = e; while (c.cause) c = c.cause; console.log(c.code ?? c.message); }
    finally { await t.close(); }`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: nodeCa, OTHER_CA: otherCa, URL: url },
  });
  return stdout.trim();
}

test('a CA from NODE_EXTRA_CA_CERTS stays trusted beside the one given', async () => {
  assert.equal(await fetchedInChild(byNode.url), 'ok');
});

test('a CA named by neither is refused', async () => {
  assert.equal(await fetchedInChild(byNobody.url), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
});
