/**
 * The client against a stand-in fetch: how requests are built from a declaration and how answers
 * and failures come back. The CLI suites in test/cli run it against a real service.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { exportRunItemsCsv, getRun, listRunItems, syncPerson } from '../../contracts/index.ts';
import { errorLines } from '../commands/remote/report-error.ts';
import { ApiError, createApiClient, ServiceUnreachableError } from './index.ts';

interface Seen {
  url: string;
  init: RequestInit;
}

function recording(respond: () => Response | Promise<Response>): { seen: Seen[]; fetch: typeof fetch } {
  const seen: Seen[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    return respond();
  }) as typeof fetch;
  return { seen, fetch: fake };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('builds method, path, query and body from the declaration, below a path prefix', async () => {
  const { seen, fetch } = recording(() => json(202, { id: 'r1' }));
  const client = createApiClient({
    baseUrl: 'https://hr.example/hrsync/',
    headers: { authorization: 'Bearer t' },
    fetch,
  });
  await client.call(syncPerson, { params: { id: 'c/1' }, body: { employeeNumber: '1001' } });
  await client.call(listRunItems, {
    params: { id: 'r1' },
    query: { action: 'disable', q: undefined, page: 2 },
  });
  assert.equal(seen[0]?.url, 'https://hr.example/hrsync/api/v1/connections/c%2F1/sync-person');
  assert.equal(seen[0]?.init.method, 'POST');
  assert.equal(seen[0]?.init.body, '{"employeeNumber":"1001"}');
  assert.deepEqual(seen[0]?.init.headers, {
    accept: 'application/json',
    authorization: 'Bearer t',
    'content-type': 'application/json',
  });
  assert.equal(seen[1]?.url, 'https://hr.example/hrsync/api/v1/runs/r1/items?action=disable&page=2');
  assert.equal(seen[1]?.init.method, 'GET');
});

test('an error answer becomes an ApiError with the code, message and details', async () => {
  const body = {
    error: {
      code: 'HRS_VALIDATION',
      message: 'The body is invalid',
      retryable: false,
      details: [{ path: '/reason', message: 'must match pattern "\\S"' }],
    },
  };
  const client = createApiClient({ baseUrl: 'http://x', fetch: recording(() => json(400, body)).fetch });
  await assert.rejects(client.call(getRun, { params: { id: 'r1' } }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'HRS_VALIDATION');
    assert.deepEqual(e.details, body.error.details);
    return true;
  });
  const html = createApiClient({
    baseUrl: 'http://x',
    fetch: recording(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }))
      .fetch,
  });
  await assert.rejects(html.call(getRun, { params: { id: 'r1' } }), {
    code: 'HTTP_502',
    message:
      'The service answered 502 Bad Gateway without an hrsync error; is this the address of an hrsync service?',
  });
});

test('a network failure names the address (without credentials) and the cause', async () => {
  const refused = Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
  const client = createApiClient({
    baseUrl: 'http://me:secret@127.0.0.1:9/',
    fetch: (async () => {
      throw refused;
    }) as typeof fetch,
  });
  await assert.rejects(client.call(getRun, { params: { id: 'r1' } }), (e: unknown) => {
    assert.ok(e instanceof ServiceUnreachableError);
    assert.equal(
      e.message,
      'Cannot reach the hrsync service at http://127.0.0.1:9: connection refused (ECONNREFUSED).',
    );
    return true;
  });
});

test('a port fetch refuses, over the real fetch: the reason in the words the AFAS and Graph clients use', async () => {
  const client = createApiClient({ baseUrl: 'http://127.0.0.1:1/' });
  await assert.rejects(client.call(getRun, { params: { id: 'r1' } }), {
    message:
      'Cannot reach the hrsync service at http://127.0.0.1:1: fetch never connects to port 1 ("bad port", a port browsers block); use the service\'s own port, normally 443.',
  });
});

test('download keeps the exact bytes, BOM included', async () => {
  const csv = '\uFEFFemployeeNumber,displayName\n1001,Ëlif\n';
  const { seen, fetch } = recording(() => new Response(csv, { headers: { 'content-type': 'text/csv' } }));
  const bytes = await createApiClient({ baseUrl: 'http://x', fetch }).download(exportRunItemsCsv, {
    params: { id: 'r1' },
    query: { status: 'blocked' },
  });
  assert.deepEqual(Buffer.from(bytes), Buffer.from(csv, 'utf8'));
  assert.equal((seen[0]?.init.headers as Record<string, string> | undefined)?.accept, 'text/csv');
  assert.equal(seen[0]?.url, 'http://x/api/v1/runs/r1/items.csv?status=blocked');
});

test("download: a refusal is the service's error; an answer cut off midway is said to be incomplete", async () => {
  const busy = {
    error: {
      code: 'HRS_BUSY',
      message:
        'Your organisation already has 2 exports being written; wait until one of them has downloaded, then export again.',
      retryable: true,
      details: [],
    },
  };
  const refused = recording(
    () =>
      new Response(JSON.stringify(busy), {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '10' },
      }),
  );
  const refusal = await createApiClient({ baseUrl: 'http://x', fetch: refused.fetch })
    .download(exportRunItemsCsv, { params: { id: 'r1' } })
    .catch((e: unknown) => e);
  assert.deepEqual(errorLines(refusal), [`hrsync is busy: ${busy.error.message}`]);

  const cut = recording(
    () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('\uFEFFemployeeNumber\n'));
            controller.error(new TypeError('terminated'));
          },
        }),
        { headers: { 'content-type': 'text/csv' } },
      ),
  );
  const cutOff = await createApiClient({ baseUrl: 'http://x', fetch: cut.fetch })
    .download(exportRunItemsCsv, { params: { id: 'r1' } })
    .catch((e: unknown) => e);
  assert.match(
    errorLines(cutOff).join('\n'),
    /The export stopped before the file was complete, so nothing was written/,
  );
});

/**
 * A real HTTP server that sends an export's bytes slowly: `parts` parts, one every `everyMs`, then
 * either the end or (`stallAfter`) nothing more while holding the connection open.
 */
async function tricklingServer(options: {
  readonly parts: number;
  readonly everyMs: number;
  readonly stallAfter?: number;
}): Promise<{ readonly url: string; readonly body: string; close(): Promise<void> }> {
  const part = (i: number) => `${1000 + i},Persoon ${i}\n`;
  const body = `\uFEFFemployeeNumber,displayName\n${Array.from({ length: options.parts }, (_, i) => part(i)).join('')}`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    res.write('\uFEFFemployeeNumber,displayName\n');
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === options.stallAfter) return clearInterval(timer);
      res.write(part(sent));
      sent += 1;
      if (sent === options.parts) {
        clearInterval(timer);
        res.end();
      }
    }, options.everyMs);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    body,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('download: an export that keeps arriving is never cut short; one that stops arriving is, said as stalled', async () => {
  // 40 parts 50 ms apart: 2 s in all, twice what the service may take to answer or go quiet.
  const steady = await tricklingServer({ parts: 40, everyMs: 50 });
  try {
    const client = createApiClient({ baseUrl: steady.url, timeoutMs: 1000, stallMs: 1000 });
    const bytes = await client.download(exportRunItemsCsv, { params: { id: 'r1' } });
    assert.equal(Buffer.from(bytes).toString('utf8'), steady.body);
  } finally {
    await steady.close();
  }

  const stalling = await tricklingServer({ parts: 40, everyMs: 20, stallAfter: 3 });
  try {
    const client = createApiClient({ baseUrl: stalling.url, timeoutMs: 1000, stallMs: 300 });
    const stalled = await client
      .download(exportRunItemsCsv, { params: { id: 'r1' } })
      .catch((e: unknown) => e);
    assert.ok(stalled instanceof ApiError, String(stalled));
    assert.equal(stalled.code, 'STALLED');
    const received = Buffer.byteLength(
      '\uFEFFemployeeNumber,displayName\n1000,Persoon 0\n1001,Persoon 1\n1002,Persoon 2\n',
    );
    assert.equal(
      errorLines(stalled).at(-1),
      `The operation failed: The export stopped arriving: no bytes for 0.3 s after ${received} bytes, so nothing was written. Export again; if it stalls again, check the network to the service, or the service log.`,
    );
  } finally {
    await stalling.close();
  }
});
