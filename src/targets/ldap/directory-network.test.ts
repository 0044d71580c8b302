/**
 * Domain controllers at an address that cannot work, over real DNS and TLS: a host DNS does not know
 * (`.invalid` never resolves, RFC 6761) and a certificate the target does not trust fail as not
 * retryable, as in the HTTP clients (classifyNetworkError's list); a refused port, which may heal,
 * stays retryable, and so does a mix where one controller might still come back. With the service's
 * endpoint rule, a controller's name that resolves to this machine is refused when the socket would
 * connect (`localhost` over the real resolver stands for any such name), and so is an address
 * written in the URL, though it was stored before the server lost HRSYNC_ALLOWED_ENDPOINT_HOSTS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../../emulators/shared/tls.ts';
import {
  type CountingTlsServer,
  closedPort,
  startCountingTlsServer,
} from '../../../test/support/tls-server.ts';
import {
  type DirectoryTargetConfig,
  type EndpointPolicy,
  HrsyncError,
  PRODUCTION_ENDPOINTS,
} from '../../core/index.ts';
import { createDirectoryTarget } from './index.ts';

const HINT =
  'other hosts \\(an emulator, a test server\\) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS';

const PASSWORD = 'a bind password that is never sent';

const configFor = (urls: string[]): DirectoryTargetConfig => ({
  type: 'active-directory',
  urls,
  bindUser: 'svc-hrsync@example.nl',
  bindPassword: { value: PASSWORD },
  container: 'OU=Staff,DC=example,DC=nl',
  upnSuffixes: ['example.nl'],
  defaultDomain: 'example.nl',
  mustChangePassword: true,
});

/** What reading the directory at `urls` fails with. */
async function readFailure(urls: string[], endpointPolicy?: EndpointPolicy): Promise<HrsyncError> {
  const target = createDirectoryTarget(configFor(urls), {
    bindPassword: PASSWORD,
    ...(endpointPolicy ? { endpointPolicy } : {}),
  });
  try {
    await target.readAccounts({ attributes: ['sAMAccountName'], cursor: null });
  } catch (error) {
    assert.ok(error instanceof HrsyncError, String(error));
    return error;
  } finally {
    await target.close();
  }
  assert.fail('the read succeeded');
}

describe('domain controllers at an address that cannot work', () => {
  let untrusted: CountingTlsServer;

  before(async () => {
    // An LDAPS port whose certificate comes from a CA the target is not given.
    untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
  });
  after(() => untrusted.close());

  test('a host DNS does not know (ENOTFOUND) is not retryable, and says so', async () => {
    const error = await readFailure(['ldaps://no-such-dc.invalid']);
    assert.equal(error.code, 'HRS_TARGET_UNREACHABLE');
    assert.equal(error.retryable, false);
    assert.match(
      error.message,
      /^no domain controller can be reached, and trying again cannot help: ldaps:\/\/no-such-dc\.invalid: the controller cannot be reached \(ENOTFOUND\); its name is not known to DNS/,
    );
    assert.doesNotMatch(error.message, new RegExp(PASSWORD));
  });

  test('a certificate the target does not trust is not retryable, after one connection', async () => {
    const before = untrusted.connections();
    const error = await readFailure([`ldaps://127.0.0.1:${untrusted.port}`]);
    assert.equal(error.code, 'HRS_TARGET_AUTH');
    assert.equal(error.retryable, false);
    assert.match(error.message, /TLS certificate is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    assert.equal(untrusted.connections() - before, 1);
  });

  test('a refused port may heal: retryable, as before', async () => {
    const port = await closedPort();
    const error = await readFailure([`ldaps://127.0.0.1:${port}`]);
    assert.equal(error.code, 'HRS_TARGET_UNAVAILABLE');
    assert.equal(error.retryable, true);
  });

  test('an unknown host beside a refused port: retryable, since that controller may come back', async () => {
    const port = await closedPort();
    const error = await readFailure(['ldaps://no-such-dc.invalid', `ldaps://127.0.0.1:${port}`]);
    assert.equal(error.code, 'HRS_TARGET_UNAVAILABLE');
    assert.equal(error.retryable, true);
    assert.match(error.message, /\(ENOTFOUND\).*\(ECONNREFUSED\)/);
  });

  test('a write while no controller answers keeps that verdict: retryable, not a refusal that quarantines the person', async () => {
    const port = await closedPort();
    const target = createDirectoryTarget(configFor([`ldaps://127.0.0.1:${port}`]), {
      bindPassword: PASSWORD,
    });
    try {
      const [outcome] = await target.apply(
        [{ kind: 'disable', employeeNumber: '1001', accountId: '00000000-0000-4000-8000-000000000001' }],
        {},
      );
      assert.ok(outcome && !outcome.ok);
      assert.deepEqual(
        [outcome.code, outcome.retryable, outcome.ambiguous],
        ['HRS_TARGET_UNAVAILABLE', true, false],
      );
      assert.match(outcome.message, /^no domain controller could be reached: .*\(ECONNREFUSED\)/);
    } finally {
      await target.close();
    }
  });

  for (const scheme of ['ldaps', 'ldap'] as const) {
    test(`a controller name that resolves to this machine is refused before connecting (${scheme}://), not retried`, async () => {
      const before = untrusted.connections();
      const url = `${scheme}://localhost:${untrusted.port}`;
      const error = await readFailure([url], PRODUCTION_ENDPOINTS);
      assert.equal(error.code, 'HRS_TARGET_UNREACHABLE');
      assert.equal(error.retryable, false);
      assert.match(
        error.message,
        new RegExp(
          `^no domain controller can be reached, and trying again cannot help: ${url}: the controller cannot be reached: localhost resolves to (127\\.0\\.0\\.1|::1).*, this machine, which may not be a directory; ${HINT}$`,
        ),
      );
      assert.doesNotMatch(error.message, new RegExp(PASSWORD));
      assert.equal(untrusted.connections() - before, 0);
    });
  }

  test('an address of this machine written in the URL is refused too, and a mix tries the other controller', async () => {
    const before = untrusted.connections();
    const error = await readFailure(
      [`ldaps://127.0.0.1:${untrusted.port}`, 'ldaps://no-such-dc.invalid'],
      PRODUCTION_ENDPOINTS,
    );
    assert.equal(error.code, 'HRS_TARGET_UNREACHABLE');
    assert.match(
      error.message,
      new RegExp(
        `ldaps://127\\.0\\.0\\.1:${untrusted.port}: the controller cannot be reached: 127\\.0\\.0\\.1 is this machine or a link-local address, which may not be a directory; ${HINT}; ldaps://no-such-dc\\.invalid: .*\\(ENOTFOUND\\)`,
      ),
    );
    assert.equal(untrusted.connections() - before, 0);
  });

  test('allowed by HRSYNC_ALLOWED_ENDPOINT_HOSTS, the same name connects (and meets the untrusted certificate)', async () => {
    const before = untrusted.connections();
    const error = await readFailure([`ldaps://localhost:${untrusted.port}`], {
      allowedHosts: ['localhost'],
    });
    assert.equal(error.code, 'HRS_TARGET_AUTH');
    assert.equal(untrusted.connections() - before, 1);
  });
});
