/**
 * Malformed requests over real HTTP against the real service, each answered in the API's error shape
 * (`{ error: { code, message, … } }`) with the right status: a URL or headers over Node's limit (431,
 * the connection closed cleanly, nothing raw in the log), request lines and framing Node's parser
 * refuses (400), no Host (400), a body that is not JSON (415) or not valid JSON (400, saying where),
 * an empty body (400), a body over the limit (413, naming it), a method the path does not take (405
 * with Allow). Raw requests go through a `net` socket, as an attacker's would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createConnection, getConnection, pathFor } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';
import { type RawAnswer, rawExchange } from './support/raw-http.ts';

const post = (path: string, headers: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: hrsync.test\r\nConnection: close\r\n${headers}` +
  `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function assertRefusal(answer: RawAnswer, status: number, code: string, message: string | RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer));
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
  if (typeof message === 'string') assert.equal(answer.body.error.message, message);
  else assert.match(answer.body.error.message, message);
  assert.equal(answer.body.error.retryable, false);
  assert.ok(Array.isArray(answer.body.error.details));
}

for (const dialect of DIALECTS) {
  describe(`malformed HTTP requests on ${dialect}`, () => {
    let svc: Service;
    let port: number;
    before(async () => {
      svc = await startService(dialect);
      await svc.app.listen({ host: '127.0.0.1', port: 0 });
      const address = svc.app.server.address();
      assert.ok(address !== null && typeof address === 'object');
      port = address.port;
    });
    after(async () => svc?.close());

    test('a 100,000- or 4,000,000-character query string or a 20 KB header: 431 in the error shape, closed cleanly, nothing raw logged', async () => {
      const filler = 'a'.repeat(100_000);
      const tooLong = [
        `GET /api/v1/connections?q=${filler} HTTP/1.1\r\nHost: hrsync.test\r\n\r\n`,
        // Megabytes still on their way when the answer goes: closing at once would reset the
        // connection (ECONNRESET at the client); the service reads them away first.
        `GET /api/v1/connections?q=${filler.repeat(40)} HTTP/1.1\r\nHost: hrsync.test\r\n\r\n`,
        `GET /api/v1/connections HTTP/1.1\r\nHost: hrsync.test\r\nX-Filler: ${filler.slice(0, 20_000)}\r\n\r\n`,
      ];
      for (const request of tooLong) {
        const answer = await rawExchange(port, request);
        assertRefusal(
          answer,
          431,
          'HRS_HEADERS_TOO_LARGE',
          "The request's URL and headers are too long: together they may be at most 16,384 bytes. Shorten the URL (its query string) or the headers.",
        );
        assert.equal(answer.headers.connection, 'close');
        assert.equal(answer.socketError, null, 'the service closes the connection without a reset');
      }
      const logged = svc.logLines.filter((l) => l.includes('HRS_HEADERS_TOO_LARGE'));
      assert.equal(logged.length, tooLong.length, 'each refusal is logged once');
      for (const line of svc.logLines) assert.ok(!line.includes('a'.repeat(64)), 'no raw request in the log');
      // The service still answers on a new connection.
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    });

    test('request lines and framing Node refuses: 400 in the error shape, naming what is wrong', async () => {
      const cases: [string, string][] = [
        [
          'FOO@ /api/v1/connections HTTP/1.1\r\nHost: hrsync.test\r\n\r\n',
          'The request is not valid HTTP/1.1: Invalid method encountered (HPE_INVALID_METHOD). Nothing was done.',
        ],
        [
          'GET /healthz HTTP/1.1\nHost: hrsync.test\n\n',
          'The request is not valid HTTP/1.1: Expected CRLF after version (HPE_INVALID_VERSION). Nothing was done.',
        ],
        [
          post('/api/v1/session', 'Content-Type: application/json\r\nContent-Length: 5\r\n', '{}'),
          'The request is not valid HTTP/1.1: Duplicate Content-Length (HPE_UNEXPECTED_CONTENT_LENGTH). Nothing was done.',
        ],
        [
          post('/api/v1/session', 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n', '{}'),
          "The request is not valid HTTP/1.1: Content-Length can't be present with Transfer-Encoding (HPE_INVALID_CONTENT_LENGTH). Nothing was done.",
        ],
        [
          'POST /api/v1/session HTTP/1.1\r\nHost: hrsync.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
          'The request is not valid HTTP/1.1: Invalid character in chunk size (HPE_INVALID_CHUNK_SIZE). Nothing was done.',
        ],
        [
          'GET /healthz HTTP/1.1\r\nHost: hrsync.test\r\nBad Header: x\r\n\r\n',
          'The request is not valid HTTP/1.1: Invalid header token (HPE_INVALID_HEADER_TOKEN). Nothing was done.',
        ],
      ];
      for (const [request, message] of cases) {
        const answer = await rawExchange(port, request);
        assertRefusal(answer, 400, 'HRS_VALIDATION', message);
        assert.equal(answer.socketError, null);
      }
    });

    test('an HTTP/1.1 request without Host: 400 in the error shape', async () => {
      const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
      assertRefusal(
        answer,
        400,
        'HRS_VALIDATION',
        'The request has no Host header, which HTTP/1.1 requires.',
      );
    });

    test('a body that is not JSON, or is compressed or not UTF-8: 415 naming what was received and what is expected', async () => {
      for (const [type, body] of [
        ['text/plain', '{"email":"a@b.c","password":"x"}'],
        ['application/x-www-form-urlencoded', 'email=a%40b.c&password=x'],
      ] as const) {
        const answer = await rawExchange(port, post('/api/v1/session', `Content-Type: ${type}\r\n`, body));
        assertRefusal(
          answer,
          415,
          'HRS_UNSUPPORTED_MEDIA_TYPE',
          `The request body was sent as ${type}; this endpoint takes JSON: send it with the header Content-Type: application/json.`,
        );
      }
      // JSON the service cannot read as sent: compressed, or not UTF-8.
      const json = JSON.stringify({ email: 'a@b.c', password: 'x' });
      for (const [headers, body, message] of [
        [
          { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          gzipSync(json),
          'The request body was sent with Content-Encoding gzip; the service reads bodies uncompressed: send it without Content-Encoding.',
        ],
        [
          { 'content-type': 'application/json; charset=UTF-16LE' },
          Buffer.from(json, 'utf16le'),
          'The request body was sent in charset UTF-16LE; JSON is read as UTF-8 only: send it as UTF-8, with Content-Type: application/json.',
        ],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`, { method: 'POST', headers, body });
        assert.equal(res.status, 415);
        const answer = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(answer.error.code, 'HRS_UNSUPPORTED_MEDIA_TYPE');
        assert.equal(answer.error.message, message);
      }
    });

    test('JSON that is not valid says where; too deep, empty and too large bodies say so', async () => {
      const json = 'Content-Type: application/json\r\n';
      const broken = await rawExchange(port, post('/api/v1/session', json, '{\n  "email": "a@b.c",,\n}'));
      assertRefusal(
        broken,
        400,
        'HRS_VALIDATION',
        "The request body is not valid JSON at line 2, column 20 (character 22): expected a property name in double quotes, found ','.",
      );
      const bare = await rawExchange(port, post('/api/v1/session', json, '{"email": tru}'));
      assertRefusal(
        bare,
        400,
        'HRS_VALIDATION',
        "The request body is not valid JSON at line 1, column 11 (character 11): expected a value, found 't'.",
      );
      const deep = await rawExchange(
        port,
        post('/api/v1/session', json, `{"email":"a@b.c","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
      );
      assertRefusal(
        deep,
        400,
        'HRS_VALIDATION',
        'The request body nests objects and arrays too deeply to be read, far deeper than any field of the API.',
      );
      const empty = await rawExchange(port, post('/api/v1/session', json, ''));
      assertRefusal(
        empty,
        400,
        'HRS_VALIDATION',
        'The request body is empty; this endpoint takes a JSON object (Content-Type: application/json).',
      );
      const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3 * 1024 * 1024) });
      const huge = await rawExchange(port, post('/api/v1/session', json, big));
      assertRefusal(
        huge,
        413,
        'HRS_PAYLOAD_TOO_LARGE',
        `The request body is too large (${Buffer.byteLength(big).toLocaleString('en')} bytes): the service takes at most 2 MiB (2,097,152 bytes).`,
      );
    });

    test('a method the path does not take: 405 with Allow; a path that does not exist stays 404', async () => {
      const { id } = (await svc.call(createConnection, { body: { name: 'Edges', destinationType: 'cloud' } }))
        .body;
      const one = pathFor(createConnection).concat(`/${id}`);
      for (const [method, path, allow] of [
        ['DELETE', pathFor(createConnection), 'GET, HEAD, POST'],
        ['PUT', one, 'DELETE, GET, HEAD, PATCH'],
        ['OPTIONS', '/api/v1/session', 'DELETE, GET, HEAD, POST'],
        ['TRACE', '/healthz', 'GET, HEAD'],
      ] as const) {
        const answer = await rawExchange(
          port,
          `${method} ${path} HTTP/1.1\r\nHost: hrsync.test\r\nConnection: close\r\n\r\n`,
        );
        assertRefusal(
          answer,
          405,
          'HRS_METHOD_NOT_ALLOWED',
          `${path} does not take ${method}; it takes ${allow}.`,
        );
        assert.equal(answer.headers.allow, allow);
      }
      const missing = await rawExchange(
        port,
        'DELETE /api/v1/nothing-here HTTP/1.1\r\nHost: hrsync.test\r\nConnection: close\r\n\r\n',
      );
      assertRefusal(missing, 404, 'HRS_NOT_FOUND', 'There is no DELETE /api/v1/nothing-here.');
    });

    test('a request must arrive whole, headers and body, within 30 s (slow-requests.test.ts: then 408)', () => {
      // Fastify's default is none: a body sent a byte a minute held its connection for ever.
      assert.equal(svc.app.server.requestTimeout, 30_000);
      assert.equal(svc.app.server.headersTimeout, 30_000);
    });

    test('a path parameter longer than its field takes: 400 naming the parameter, not 404', async () => {
      // The router gave up on parameters over 100 characters and answered "There is no GET …".
      const answer = await svc.call(getConnection, { params: { id: 'x'.repeat(150) } });
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.body.error.code, 'HRS_VALIDATION');
      assert.equal(
        answer.body.error.message,
        'The path is invalid: ID: is longer than the 100 characters it may have',
      );
    });

    test('Sign in with Microsoft (not in the OpenAPI document, so not fuzzed): a parameter given twice is 400 naming it, not 500', async () => {
      const twice = await svc.app.inject({
        method: 'GET',
        url: `/api/v1/session/microsoft/start?organisation=${svc.organisationId}&organisation=${svc.otherOrganisationId}`,
      });
      assert.equal(twice.statusCode, 400, twice.body);
      assert.equal(twice.json().error.code, 'HRS_VALIDATION');
      assert.match(
        twice.json().error.message,
        /^The querystring is invalid: organisation: is given more than once; give it once$/,
      );
      const once = await svc.app.inject({
        method: 'GET',
        url: `/api/v1/session/microsoft/start?organisation=${svc.organisationId}`,
      });
      assert.equal(once.statusCode, 303, once.body);
      assert.match(
        String(once.headers.location),
        /^\/\?sign_in_error=Sign%20in%20with%20Microsoft%20is%20not%20turned%20on/,
      );
    });
  });
}
