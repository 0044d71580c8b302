import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENT_CLOCK_TOLERANCE_S } from '../../src/agent/protocol-constants.ts';
import { compileEverySerializer } from '../../src/api/index.ts';
import { AUDIT_ACTIONS, ENDPOINTS, implicitErrors, simulate } from '../../src/contracts/index.ts';
import { ERROR_CATALOGUE } from '../../src/core/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { METRICS_TOKEN, type Service, startService } from './support/service.ts';

type Operation = { operationId: string; responses: Record<string, { description: string }> };

for (const dialect of DIALECTS) {
  describe(`OpenAPI, health and metrics on ${dialect}`, () => {
    let svc: Service;
    // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read as plain JSON
    let doc: any;
    before(async () => {
      svc = await startService(dialect);
      const res = await svc.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      doc = res.json();
    });
    after(async () => svc?.close());

    test('every contract endpoint is in the document, with its method, path and operation id, and nothing else', () => {
      const documented = new Map<string, string>();
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
        for (const [method, op] of Object.entries(item))
          documented.set(op.operationId, `${method.toUpperCase()} ${path}`);
      }
      for (const e of ENDPOINTS) {
        const openApiPath = e.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        assert.equal(documented.get(e.operationId), `${e.method} ${openApiPath}`, e.operationId);
      }
      assert.equal(documented.size, ENDPOINTS.length, 'no undeclared route is documented');
      assert.equal(
        new Set(ENDPOINTS.map((e) => e.operationId)).size,
        ENDPOINTS.length,
        'operation ids are unique',
      );
    });

    test('the error catalogue and the document agree: every declared code is documented at its status', () => {
      assert.deepEqual(
        doc['x-error-catalogue'],
        Object.fromEntries(
          Object.entries(ERROR_CATALOGUE).map(([code, d]) => [
            code,
            { status: d.status, retryable: d.retryable, description: d.description },
          ]),
        ),
      );
      for (const e of ENDPOINTS) {
        const openApiPath = e.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const op: Operation = doc.paths[openApiPath][e.method.toLowerCase()];
        assert.ok(op.responses[String(e.status)], `${e.operationId} documents ${e.status}`);
        const codes = new Set([...e.errors, ...implicitErrors(e)]);
        for (const code of codes) {
          const status = String(ERROR_CATALOGUE[code].status);
          assert.ok(op.responses[status], `${e.operationId} documents ${status} for ${code}`);
          assert.ok(
            op.responses[status].description.split(', ').includes(code),
            `${e.operationId} lists ${code} at ${status}`,
          );
        }
        for (const [status, response] of Object.entries(op.responses)) {
          if (status === String(e.status)) continue;
          for (const code of response.description.split(', ')) {
            assert.ok(code in ERROR_CATALOGUE, `${e.operationId} documents unknown code ${code}`);
            assert.equal(String(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status), status);
          }
        }
      }
      const anyError = doc.paths['/api/v1/connections/{id}'].get.responses['404'];
      const schema = anyError.content['application/json'].schema;
      const enumerated = schema.properties.error.properties.code.anyOf.map(
        (c: { enum?: string[]; const?: string }) => c.enum?.[0] ?? c.const,
      );
      assert.deepEqual(enumerated.sort(), Object.keys(ERROR_CATALOGUE).sort());
    });

    test("every agent route declares the agent's signature scheme, and only they do; sign-in routes the cookie or token", () => {
      const scheme = doc.components.securitySchemes.agentSignature;
      assert.equal(scheme.type, 'apiKey');
      assert.equal(scheme.in, 'header');
      assert.equal(scheme.name, 'Authorization');
      assert.match(scheme.description, /Authorization: Agent <JWT>/);
      assert.match(scheme.description, /valid 120 s/);
      // A refusal for the signature's time is the agent machine's clock being off: the catalogue says so,
      // with the service's tolerance.
      const refused = doc['x-error-catalogue'].HRS_AGENT_REFUSED.description;
      assert.ok(
        refused.includes(`clock of the agent machine is more than ${AGENT_CLOCK_TOLERANCE_S} s off`),
        refused,
      );
      const signed: string[] = [];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
        for (const [method, op] of Object.entries(item)) {
          const security = (op as { security?: Record<string, string[]>[] }).security;
          const where = `${method.toUpperCase()} ${path}`;
          if (path.startsWith('/api/v1/agent/') && path !== '/api/v1/agent/register') {
            assert.deepEqual(security, [{ agentSignature: [] }], where);
            signed.push(where);
          } else {
            assert.ok(
              !JSON.stringify(security ?? []).includes('agentSignature'),
              `${where} is not an agent route`,
            );
          }
        }
      }
      assert.deepEqual(signed.sort(), [
        'POST /api/v1/agent/operations/{id}/pages',
        'POST /api/v1/agent/operations/{id}/result',
        'POST /api/v1/agent/work',
      ]);
      // Registration proves itself by the one-time key in its body; the console's routes by sign-in.
      assert.equal(doc.paths['/api/v1/agent/register'].post.security, undefined);
      assert.deepEqual(doc.paths['/api/v1/connections'].get.security, [
        { cookieAuth: [] },
        { bearerAuth: [] },
      ]);
    });

    test('every changing endpoint declares audit actions from the one list; reads say read-only', () => {
      for (const e of ENDPOINTS) {
        if (e.method === 'GET') assert.equal(e.audit, 'read-only', e.operationId);
        else {
          assert.ok(Array.isArray(e.audit) && e.audit.length > 0, e.operationId);
          for (const action of e.audit as readonly string[])
            assert.ok((AUDIT_ACTIONS as readonly string[]).includes(action));
        }
      }
    });

    test('every response serializer builds, though most are built on their first answer', () => {
      // Built lazily (build-app.ts), a serializer that cannot be built would fail its route's first
      // answer instead of the start: this builds every one the app has.
      const count = compileEverySerializer(svc.app);
      assert.ok(count > ENDPOINTS.length, `${count} serializers for ${ENDPOINTS.length} endpoints`);
    });

    test('Swagger UI is served at /api/docs', async () => {
      const res = await svc.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /swagger/i);
    });

    test('/healthz, /readyz and /metrics', async () => {
      const health = await svc.app.inject({ method: 'GET', url: '/healthz' });
      assert.deepEqual(health.json(), { status: 'ok' });
      const ready = await svc.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.match(ready.json().message, new RegExp(`store ${dialect} ready, \\d+ migrations applied`));
      const tenant = await createTenantFor(svc);
      const { id } = await configuredConnection(svc, 4, tenant.tenantId);
      await svc.call(simulate, { as: 'operator', params: { id } });
      await svc.drain();
      const metrics = await svc.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      assert.equal(metrics.statusCode, 200);
      assert.match(metrics.body, /hrsync_runs\{kind="simulation",status="succeeded"\} 1/);
      assert.match(metrics.body, /hrsync_connections\{state="simulation"\} 1/);
      assert.match(metrics.body, /hrsync_run_items_total\{action="create",status="success"\} 3/);
      assert.match(
        metrics.body,
        /hrsync_run_duration_seconds_count\{kind="simulation",status="succeeded"\} 1/,
      );
      assert.match(metrics.body, /hrsync_graph_throttled_total 0/);
    });

    test('a query parameter given twice is refused as given twice, not as the wrong type', async () => {
      const session = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: svc.users.viewer.email, password: svc.users.viewer.password },
      });
      const cookie = session.cookies.find((c) => c.name === 'hrsync_session');
      assert.ok(cookie, session.body);
      const headers = { cookie: `hrsync_session=${cookie.value}` };
      // The message names each field as the console does; the detail keeps its JSON path.
      for (const [query, name, words] of [
        ['page=1&page=2', 'page', 'Page'],
        ['q=a&q=b', 'q', 'Search'],
      ] as const) {
        const res = await svc.app.inject({
          method: 'GET',
          url: `/api/v1/connections?${query}`,
          headers,
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.deepEqual(res.json().error.details, [
          { path: `/${name}`, message: 'is given more than once; give it once' },
        ]);
        assert.equal(
          res.json().error.message,
          `The querystring is invalid: ${words}: is given more than once; give it once`,
        );
      }
    });

    test('unknown routes and methods answer in the error shape, not HTML or a 500', async () => {
      const res = await svc.app.inject({ method: 'GET', url: '/api/v1/nope' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'HRS_NOT_FOUND');
      const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3 * 1024 * 1024) });
      const huge = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.json().error.code, 'HRS_PAYLOAD_TOO_LARGE');
      assert.equal(
        huge.json().error.message,
        `The request body is too large (${Buffer.byteLength(big).toLocaleString('en')} bytes): the service takes at most 2 MiB (2,097,152 bytes).`,
      );
      // Whatever the type — text, a form, none at all — the refusal is 415, names the type that came
      // and says what to send instead.
      for (const [type, payload, named] of [
        ['text/plain', '{"email":"a@b.c","password":"x"}', 'was sent as text/plain'],
        [
          'application/x-www-form-urlencoded',
          'email=a%40b.c&password=x',
          'was sent as application/x-www-form-urlencoded',
        ],
        [
          'multipart/form-data; boundary=a',
          '--a\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--a--\r\n',
          'was sent as multipart/form-data',
        ],
        ['', 'hi', 'has no Content-Type'],
      ] as const) {
        const res = await svc.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          headers: type === '' ? {} : { 'content-type': type },
          payload,
        });
        assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
        assert.equal(res.json().error.code, 'HRS_UNSUPPORTED_MEDIA_TYPE');
        assert.equal(
          res.json().error.message,
          `The request body ${named}; this endpoint takes JSON: send it with the header Content-Type: application/json.`,
          type,
        );
      }
    });
  });
}
