/**
 * The connect-time guard for customer-chosen endpoints, over the machine's real resolver: `localhost`
 * resolves to this machine everywhere, and the name is the one the static rule would refuse, so here
 * it stands for any name that DNS points at 127.0.0.1. Only the case of a name with both a local and
 * a public address (which no name here has) uses a resolver given in.
 */
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { connect, type LookupFunction } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../../test/support/tls-server.ts';
import { LOCAL_ADDRESS_CODE, PRODUCTION_ENDPOINTS } from '../core/endpoint-policy.ts';
import { guardedLookup, writtenAddressProblem } from './connect-guard.ts';

const HINT = 'other hosts (an emulator, a test server) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS';

let server: CountingTlsServer;
before(async () => {
  server = await startCountingTlsServer(createTestPki({ hosts: ['localhost', '127.0.0.1'] }));
});
after(() => server.close());

function ask(lookup: LookupFunction, host: string, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family: unknown }>((resolve) =>
    lookup(host, all ? { all: true } : {}, (error, address, family) => resolve({ error, address, family })),
  );
}

test('a name that resolves to this machine is refused, asked for all addresses or for one, naming name, address and why', async () => {
  const lookup = guardedLookup('webhook', 'https://localhost/hook', PRODUCTION_ENDPOINTS);
  assert.ok(lookup);
  for (const all of [true, false]) {
    const { error } = await ask(lookup, 'localhost', all);
    assert.equal(error?.code, LOCAL_ADDRESS_CODE);
    assert.match(
      error?.message ?? '',
      new RegExp(
        `^localhost resolves to (127\\.0\\.0\\.1|::1)( and ::1| and 127\\.0\\.0\\.1)?, this machine, which may not be a webhook; ${HINT.replace(/[()]/g, '\\$&')}$`,
      ),
    );
  }
});

test('through a real socket: the connection is refused before it is made', async () => {
  const lookup = guardedLookup('directory', `ldaps://localhost:${server.port}`, PRODUCTION_ENDPOINTS);
  const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
    const socket = connect({ host: 'localhost', port: server.port, ...(lookup ? { lookup } : {}) });
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('error', resolve);
  });
  assert.equal(error.code, LOCAL_ADDRESS_CODE);
  assert.match(error.message, /^localhost resolves to .*this machine, which may not be a directory; /);
  assert.equal(server.connections(), 0);
});

test('a host the policy allows is not guarded at all; an unknown name keeps the resolver’s own error', async () => {
  assert.equal(guardedLookup('smtp', 'smtp://localhost:2525', { allowedHosts: ['localhost'] }), undefined);
  const lookup = guardedLookup('smtp', 'smtp://no-such-host.invalid:25', PRODUCTION_ENDPOINTS);
  assert.ok(lookup);
  const { error } = await ask(lookup, 'no-such-host.invalid', true);
  assert.equal(error?.code, 'ENOTFOUND');
});

test('a name with a public address beside a local one connects to the public one only', async () => {
  const both: LookupAddress[] = [
    { address: '169.254.169.254', family: 4 },
    { address: '203.0.113.7', family: 4 },
    { address: '::1', family: 6 },
    { address: '2001:db8::7', family: 6 },
  ];
  const resolver = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(null, both)) as unknown as LookupFunction;
  const lookup = guardedLookup('webhook', 'https://mixed.example/hook', PRODUCTION_ENDPOINTS, resolver);
  assert.ok(lookup);
  assert.deepEqual((await ask(lookup, 'mixed.example', true)).address, [
    { address: '203.0.113.7', family: 4 },
    { address: '2001:db8::7', family: 6 },
  ]);
  const one = await ask(lookup, 'mixed.example', false);
  assert.deepEqual([one.address, one.family], ['203.0.113.7', 4]);
});

test('an address written in the URL, which no lookup sees, is judged by the same rule', () => {
  assert.match(
    writtenAddressProblem('directory', 'ldaps://127.0.0.1:636', PRODUCTION_ENDPOINTS) ?? '',
    /^127\.0\.0\.1 is this machine or a link-local address, which may not be a directory; /,
  );
  assert.match(
    writtenAddressProblem('directory', 'ldap://[::1]', PRODUCTION_ENDPOINTS) ?? '',
    /^\[::1\] is this/,
  );
  assert.match(
    writtenAddressProblem('webhook', 'https://169.254.169.254/latest', PRODUCTION_ENDPOINTS) ?? '',
    /which may not be a webhook/,
  );
  assert.equal(
    writtenAddressProblem('directory', 'ldaps://127.0.0.1:636', { allowedHosts: ['127.0.0.1'] }),
    null,
  );
  assert.equal(writtenAddressProblem('directory', 'ldaps://10.0.0.5', PRODUCTION_ENDPOINTS), null);
  assert.equal(writtenAddressProblem('directory', 'ldaps://dc1.contoso.com', PRODUCTION_ENDPOINTS), null);
});
