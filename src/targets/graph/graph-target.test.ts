/**
 * The Graph target against the Graph emulator over HTTPS (its test CA trusted through an undici
 * Agent): tokens, reads, delta, finding accounts, batched writes and the connection test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSelfSignedCertificate } from '../../../emulators/shared/index.ts';
import { HrsyncError, type PlannedWrite } from '../../core/index.ts';
import { DOMAIN, existingUsers, type GraphFixture, startGraphFixture } from './emulator-fixture.ts';
import { createGraphTarget } from './index.ts';

const ATTRIBUTES = ['displayName', 'employeeId', 'jobTitle', 'mail', 'userPrincipalName', 'proxyAddresses'];

const create = (n: number, extra: Record<string, string> = {}, enabled = true): PlannedWrite => ({
  kind: 'create',
  employeeNumber: `N${n}`,
  enabled,
  attributes: {
    userPrincipalName: `new${n}@${DOMAIN}`,
    displayName: `New ${n}`,
    mailNickname: `new${n}`,
    employeeId: `N${n}`,
    jobTitle: 'Adviseur',
    ...extra,
  },
});

describe('Graph target: tokens and the connection test', () => {
  let fx: GraphFixture;
  const certificate = createSelfSignedCertificate('hrsync test app');
  before(async () => {
    fx = await startGraphFixture({
      apps: [
        {
          clientId: '11111111-1111-4111-8111-111111111111',
          clientSecret: 'correct~secret.value-0123456789abcdefgh',
        },
        {
          clientId: '22222222-2222-4222-8222-222222222222',
          certificates: [certificate.certPem],
          permissions: ['User.ReadWrite.All'],
        },
      ],
    });
  });
  after(() => fx.close());

  test('a client secret gets a token over HTTPS; the test reports token, permissions, read and domain', async () => {
    const result = await fx.target().test();
    assert.equal(result.ok, true, result.message);
    const checks = (result.details as { checks: { name: string; ok: boolean }[]; roles: string[] }).checks;
    assert.deepEqual(
      checks.map((c) => [c.name, c.ok]),
      [
        ['token', true],
        ['permission:users', true],
        ['permission:lifecycle', true],
        ['read:users', true],
        ['domain', true],
      ],
    );
  });

  test('a certificate gets a token (client assertion signed with the private key)', async () => {
    const target = createGraphTarget(
      { ...fx.config, clientId: '22222222-2222-4222-8222-222222222222' },
      {
        credential: { certificatePem: certificate.certPem, privateKeyPem: certificate.keyPem },
        ca: fx.graph.caCertPem as string,
      },
    );
    try {
      const result = await target.test();
      assert.equal(result.ok, true, result.message);
      // Only User.ReadWrite.All was granted: the lifecycle permission is a warning, not a failure.
      assert.match(result.message, /with warnings: .*User-LifeCycleInfo\.ReadWrite\.All/);
      const read = await target.readAccounts({ attributes: ['displayName'], cursor: null });
      assert.equal(read.incremental, false);
    } finally {
      await target.close();
    }
  });

  test('a wrong secret is refused with the AADSTS code, and reads fail as HRS_TARGET_AUTH', async () => {
    const target = createGraphTarget(fx.config, {
      credential: { clientSecret: 'wrong' },
      ca: fx.graph.caCertPem as string,
    });
    try {
      const result = await target.test();
      assert.equal(result.ok, false);
      assert.match(result.message, /AADSTS7000215/);
      await assert.rejects(
        target.readAccounts({ attributes: ['displayName'], cursor: null }),
        (e) => e instanceof HrsyncError && e.code === 'HRS_TARGET_AUTH' && /invalid_client/.test(e.message),
      );
    } finally {
      await target.close();
    }
  });

  test('an unverified UPN domain fails the test', async () => {
    const target = createGraphTarget(
      { ...fx.config, defaultDomain: 'pending.example' },
      { credential: { clientSecret: fx.clientSecret }, ca: fx.graph.caCertPem as string },
    );
    try {
      const result = await target.test();
      assert.equal(result.ok, false);
      assert.match(result.message, /pending\.example is in the tenant but not verified/);
    } finally {
      await target.close();
    }
  });

  test('without the test CA the emulator’s certificate is not trusted', async () => {
    const target = createGraphTarget(fx.config, { credential: { clientSecret: fx.clientSecret } });
    const result = await target.test();
    assert.equal(result.ok, false);
    assert.match(result.message, /could not be reached|certificate/i);
  });
});

describe('Graph target: reading the tenant', () => {
  let fx: GraphFixture;
  before(async () => {
    const users = existingUsers(1200);
    (users[7] as { userPrincipalName: string }).userPrincipalName = `o'brien@${DOMAIN}`;
    fx = await startGraphFixture({ users });
  });
  after(() => fx.close());

  test('a full read returns every user with the selected attributes and a delta cursor', async () => {
    const target = fx.target();
    const read = await target.readAccounts({ attributes: ATTRIBUTES, cursor: null });
    assert.equal(read.accounts.length, 1200);
    assert.equal(read.incremental, false);
    assert.match(String(read.cursor), /\/users\/delta\?\$deltatoken=/);
    const first = read.accounts.find((a) => a.attributes.employeeId === 'E0001');
    assert.deepEqual(first?.attributes, {
      accountEnabled: true,
      displayName: 'User 1',
      employeeId: 'E0001',
      jobTitle: 'Medewerker',
      mail: `user1@${DOMAIN}`,
      userPrincipalName: `user1@${DOMAIN}`,
      proxyAddresses: [`SMTP:user1@${DOMAIN}`],
    });
  });

  test('delta pages: each asked for once, one at a time (the next goes out as soon as a page is in)', async () => {
    const { fetch: undiciFetch } = await import('undici');
    const log: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const target = fx.target({
      fetch: async (url, init) => {
        if (url.includes('/users/delta')) log.push(url);
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          const response = await undiciFetch(url, init as never);
          const body = await response.arrayBuffer();
          return new Response(body, { status: response.status, headers: response.headers as never });
        } finally {
          inFlight--;
        }
      },
    });
    const read = await target.readAccounts({ attributes: ATTRIBUTES, cursor: null });
    assert.equal(read.accounts.length, 1200);
    assert.equal(new Set(read.accounts.map((a) => a.id)).size, 1200);
    assert.equal(log.length, 2, 'two pages of at most 999 users');
    assert.equal(new Set(log).size, 2);
    assert.equal(peak, 1, 'delta pages are read one at a time');
  });

  test('the next delta page is asked for while the page naming it is still arriving', async () => {
    const { fetch: undiciFetch } = await import('undici');
    const asked: string[] = [];
    // Held back until the next page is asked for (or 5 s passed: then the assertion below fails).
    const events: string[] = [];
    let nextAsked = () => {};
    const target = fx.target({
      fetch: async (url, init) => {
        if (url.includes('/users/delta')) {
          asked.push(url);
          if (asked.length > 1) nextAsked();
        }
        const response = await undiciFetch(url, init as never);
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (response.status !== 200 || asked.length !== 1) {
          return new Response(bytes, { status: response.status, headers: response.headers as never });
        }
        const held = new Promise<string>((resolve) => {
          nextAsked = () => resolve('next page asked');
          setTimeout(() => resolve('rest sent unasked'), 5000).unref();
        });
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(bytes.subarray(0, 16_384));
            events.push(await held);
            controller.enqueue(bytes.subarray(16_384));
            controller.close();
          },
        });
        return new Response(body, { status: 200, headers: response.headers as never });
      },
    });
    const read = await target.readAccounts({ attributes: ATTRIBUTES, cursor: null });
    assert.equal(read.accounts.length, 1200);
    assert.deepEqual(events, ['next page asked']);
    assert.equal(asked.length, 2);
  });

  test('a nextLink seen in a page’s bytes that the parsed page does not confirm is not followed', async () => {
    const { fetch: undiciFetch } = await import('undici');
    const asked: string[] = [];
    const decoy = `${fx.graph.url}/v1.0/users/delta?$skiptoken=decoy`;
    const target = fx.target({
      fetch: async (url, init) => {
        if (url.includes('/users/delta')) asked.push(url);
        const response = await undiciFetch(url, init as never);
        const text = await response.text();
        // A nested object ahead of the page's own link carries a key of the same name.
        const changed =
          response.status === 200 && text.includes('"@odata.nextLink"')
            ? `{"x":{"@odata.nextLink":${JSON.stringify(decoy)}},${text.slice(1)}`
            : text;
        return new Response(changed, { status: response.status, headers: response.headers as never });
      },
    });
    const read = await target.readAccounts({ attributes: ATTRIBUTES, cursor: null });
    assert.equal(read.accounts.length, 1200);
    assert.equal(asked.filter((u) => u.includes('decoy')).length, 1, 'the guess went out once');
    assert.equal(asked.filter((u) => !u.includes('decoy')).length, 2, 'and every real page was read');
  });

  test('with the cursor only changes and removals come back; a bad cursor means a full read', async () => {
    const target = fx.target();
    const full = await target.readAccounts({ attributes: ATTRIBUTES, cursor: null });
    const byEmployee = (id: string) =>
      full.accounts.find((a) => a.attributes.employeeId === id)?.id as string;
    const outcomes = await target.apply(
      [
        {
          kind: 'update',
          employeeNumber: 'E0010',
          accountId: byEmployee('E0010'),
          changes: [{ attribute: 'jobTitle', old: 'Medewerker', new: 'Teamleider' }],
        },
        { kind: 'disable', employeeNumber: 'E0011', accountId: byEmployee('E0011') },
        { kind: 'delete', employeeNumber: 'E0012', accountId: byEmployee('E0012') },
      ],
      {},
    );
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes),
    );

    const delta = await target.readAccounts({ attributes: ATTRIBUTES, cursor: full.cursor });
    assert.equal(delta.incremental, true);
    assert.deepEqual(delta.accounts.map((a) => a.attributes.employeeId).sort(), ['E0010', 'E0011']);
    assert.equal(
      delta.accounts.find((a) => a.attributes.employeeId === 'E0010')?.attributes.jobTitle,
      'Teamleider',
    );
    assert.deepEqual(delta.removedIds, [byEmployee('E0012')]);

    const quiet = await target.readAccounts({ attributes: ATTRIBUTES, cursor: delta.cursor });
    assert.deepEqual([quiet.accounts.length, quiet.removedIds.length, quiet.incremental], [0, 0, true]);

    const broken = `${fx.graph.url}/v1.0/users/delta?$deltatoken=not-a-token`;
    const fallback = await target.readAccounts({ attributes: ATTRIBUTES, cursor: broken });
    assert.equal(fallback.incremental, false);
    assert.equal(fallback.accounts.length, 1199);
  });

  test('findAccounts: employee id, UPN with a quote, proxy address, and an advanced query', async () => {
    const target = fx.target();
    const byId = await target.findAccounts('employeeId', 'E0003', ['displayName']);
    assert.deepEqual(
      byId.map((a) => a.attributes.displayName),
      ['User 3'],
    );
    const quoted = await target.findAccounts('userPrincipalName', `O'Brien@${DOMAIN}`, ['employeeId']);
    assert.deepEqual(
      quoted.map((a) => a.attributes.employeeId),
      ['E0007'],
    );
    const proxy = await target.findAccounts('proxyAddresses', `user4@${DOMAIN}`, ['employeeId']);
    assert.deepEqual(
      proxy.map((a) => a.attributes.employeeId),
      ['E0004'],
    );
    const advanced = await target.findAccounts('jobTitle', 'Medewerker', ['employeeId']);
    assert.ok(advanced.length > 1000, `${advanced.length} found over several pages`);
    assert.deepEqual(await target.findAccounts('employeeId', 'nobody', []), []);
  });
});

describe('Graph target: applying writes in batches', () => {
  let fx: GraphFixture;
  before(async () => {
    fx = await startGraphFixture({ users: existingUsers(5) });
  });
  after(() => fx.close());
  const user = (employeeId: string) => fx.users().find((u) => u.employeeId === employeeId);

  test('creates, managers for new accounts, updates, disables and deletes', async () => {
    const target = fx.target();
    const progress: number[] = [];
    const creates = Array.from({ length: 45 }, (_, i) => create(i, {}, i !== 3));
    const managers: PlannedWrite[] = Array.from({ length: 44 }, (_, i) => ({
      kind: 'set-manager',
      employeeNumber: `N${i + 1}`,
      accountId: null,
      managerEmployeeNumber: 'N0',
      managerAccountId: null,
      oldManagerAccountId: null,
    }));
    const outcomes = await target.apply([...creates, ...managers], {
      onProgress: (p) => progress.push(p.done),
    });
    assert.equal(outcomes.length, 89);
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes.find((o) => !o.ok)),
    );
    const boss = user('N0');
    assert.equal(outcomes[0]?.ok && outcomes[0].accountId, boss?.id);
    assert.equal(user('N3')?.accountEnabled, false);
    assert.equal(user('N44')?.managerId, boss?.id);
    assert.equal(user('N44')?.jobTitle, 'Adviseur');
    assert.equal(progress.at(-1), 89);
    assert.ok(progress.length >= 5, `progress after each batch (${progress.length})`);
    assert.ok(target.stats.batches >= 5 && target.stats.requests === 89, JSON.stringify(target.stats));

    const id = (n: string) => user(n)?.id as string;
    const second = await target.apply(
      [
        {
          kind: 'update',
          employeeNumber: 'N1',
          accountId: id('N1'),
          changes: [
            { attribute: 'jobTitle', old: 'Adviseur', new: 'Senior adviseur' },
            { attribute: 'department', old: null, new: 'ICT' },
          ],
        },
        {
          kind: 'update',
          employeeNumber: 'N2',
          accountId: id('N2'),
          changes: [{ attribute: 'jobTitle', old: 'Adviseur', new: null }],
        },
        { kind: 'disable', employeeNumber: 'N5', accountId: id('N5') },
        { kind: 'enable', employeeNumber: 'N3', accountId: id('N3') },
        { kind: 'delete', employeeNumber: 'N6', accountId: id('N6') },
        {
          kind: 'set-manager',
          employeeNumber: 'N7',
          accountId: id('N7'),
          managerEmployeeNumber: null,
          managerAccountId: null,
          oldManagerAccountId: id('N0'),
        },
      ],
      {},
    );
    assert.ok(
      second.every((o) => o.ok),
      JSON.stringify(second),
    );
    assert.equal(user('N1')?.jobTitle, 'Senior adviseur');
    assert.equal(user('N1')?.department, 'ICT');
    assert.equal(user('N2')?.jobTitle ?? null, null);
    assert.equal(user('N5')?.accountEnabled, false);
    assert.equal(user('N3')?.accountEnabled, true);
    assert.equal(user('N6'), undefined);
    assert.equal(user('N7')?.managerId ?? null, null);
    // Deleting again is not an error: the account is already gone.
    const again = await target.apply(
      [{ kind: 'delete', employeeNumber: 'N6', accountId: id('N1').replace(/.$/, '0') }],
      {},
    );
    assert.equal(again[0]?.ok, true);
  });

  test('ObjectConflict is reported for the one write that collides, the rest is applied', async () => {
    const target = fx.target();
    const outcomes = await target.apply(
      [create(100), create(101, { userPrincipalName: `user1@${DOMAIN}`, mailNickname: 'x101' }), create(102)],
      {},
    );
    assert.equal(outcomes[0]?.ok, true);
    assert.equal(outcomes[2]?.ok, true);
    const failed = outcomes[1];
    assert.ok(failed && !failed.ok);
    assert.equal(failed.code, 'HRS_TARGET_WRITE_FAILED');
    assert.equal(failed.retryable, false);
    assert.equal(failed.ambiguous, false);
    assert.match(
      failed.message,
      /400 Request_BadRequest \[ObjectConflict.*userPrincipalName.*already exists/,
    );
  });

  test('write-back and an unresolvable manager are refused without a request', async () => {
    const target = fx.target();
    const before = target.stats.requests;
    const outcomes = await target.apply(
      [
        { kind: 'write-back', employeeNumber: 'E0001', changes: [] },
        {
          kind: 'set-manager',
          employeeNumber: 'E0001',
          accountId: null,
          managerEmployeeNumber: 'X',
          managerAccountId: null,
          oldManagerAccountId: null,
        },
      ],
      {},
    );
    assert.deepEqual(
      outcomes.map((o) => o.ok),
      [false, false],
    );
    assert.equal(target.stats.requests, before);
  });
});
