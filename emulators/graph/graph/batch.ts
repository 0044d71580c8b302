import type { GraphEmulatorState } from '../emulator-state.ts';
import { dispatch } from './dispatch.ts';
import { GraphError } from './graph-error.ts';
import type { Principal } from './principal.ts';
import type { GraphRequest, GraphResult } from './route-types.ts';
import type { Router } from './router.ts';

export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

const batchError = (message: string) => new GraphError(400, 'BadRequest', message);

/**
 * JSON batching: validates the envelope as a whole (a malformed batch is one 400), then runs each
 * item through the normal dispatcher, so each is authorised and throttled on its own and can be a
 * 429 by itself. Items run in dependency order; an item whose dependency failed gets 424.
 */
export async function executeBatch(
  state: GraphEmulatorState,
  router: Router,
  envelope: GraphRequest,
  principal: Principal,
): Promise<GraphResult> {
  const items = readItems(envelope.body);
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const results = new Map<string, { status: number; body?: unknown; headers: Record<string, string> }>();

  const run = async (item: BatchItem): Promise<void> => {
    const key = item.id.toLowerCase();
    if (results.has(key)) return;
    for (const dependency of item.dependsOn) await run(byId.get(dependency.toLowerCase())!);
    const failed = item.dependsOn.some((d) => (results.get(d.toLowerCase())?.status ?? 500) >= 400);
    results.set(key, failed ? failedDependency() : await runItem(state, router, envelope, principal, item));
  };
  for (const item of items) await run(item);
  return {
    status: 200,
    body: { responses: items.map((item) => ({ id: item.id, ...results.get(item.id.toLowerCase())! })) },
  };
}

/** True when the batch creates a user: the "create happened, response lost" fault looks for this. */
export function batchCreatesUser(body: unknown): boolean {
  const requests = (body as { requests?: unknown })?.requests;
  return (
    Array.isArray(requests) &&
    requests.some((r) => {
      const { method, url } = (r ?? {}) as { method?: unknown; url?: unknown };
      return String(method).toUpperCase() === 'POST' && /^\/?users\/?(\?|$)/i.test(String(url));
    })
  );
}

async function runItem(
  state: GraphEmulatorState,
  router: Router,
  envelope: GraphRequest,
  principal: Principal,
  item: BatchItem,
) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item.url)) {
    return itemError(
      400,
      'BadRequest',
      `The url of request ${item.id} must be relative to the version, e.g. /users.`,
    );
  }
  const url = new URL(item.url.startsWith('/') ? item.url : `/${item.url}`, 'http://batch.invalid');
  if (url.pathname === '/$batch')
    return itemError(400, 'BadRequest', 'A $batch request cannot contain another $batch.');
  const outcome = await dispatch(
    state,
    router,
    {
      method: item.method,
      path: url.pathname,
      query: url.searchParams,
      headers: lowerCaseKeys(item.headers),
      body: item.body,
      baseUrl: envelope.baseUrl,
      viaBatch: true,
    },
    principal,
  );
  return {
    status: outcome.status,
    headers: { ...outcome.headers },
    ...(outcome.body === undefined ? {} : { body: outcome.body }),
  };
}

function readItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw batchError('Invalid batch payload format.');
  if (requests.length === 0) throw batchError('Invalid batch payload format: the requests array is empty.');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw batchError(`Invalid batch payload format: a batch holds at most ${MAX_BATCH_REQUESTS} requests.`);
  }
  const seen = new Set<string>();
  const items = requests.map((raw: unknown) => {
    const { id, method, url, headers = {}, body, dependsOn = [] } = (raw ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || id === '' || typeof method !== 'string' || typeof url !== 'string') {
      throw batchError('Invalid batch payload format: every request needs id, method and url.');
    }
    if (seen.has(id.toLowerCase())) throw batchError(`Batch request id '${id}' is not unique.`);
    seen.add(id.toLowerCase());
    if (typeof headers !== 'object' || headers === null || !Array.isArray(dependsOn)) {
      throw batchError('Invalid batch payload format.');
    }
    const stringHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
    const hasContentType = Object.keys(stringHeaders).some((k) => k.toLowerCase() === 'content-type');
    if (body !== undefined && !hasContentType) {
      throw batchError(`Write request id : ${id} does not contain Content-Type header or body.`);
    }
    return {
      id,
      method: method.toUpperCase(),
      url,
      headers: stringHeaders,
      body,
      dependsOn: dependsOn.map(String),
    };
  });
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (!seen.has(dependency.toLowerCase())) {
        throw batchError(
          `Batch request ${item.id} depends on request ${dependency}, which is not in the batch.`,
        );
      }
    }
  }
  checkAcyclic(items);
  return items;
}

function checkAcyclic(items: readonly BatchItem[]): void {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const done = new Set<string>();
  const visit = (item: BatchItem, path: Set<string>): void => {
    const key = item.id.toLowerCase();
    if (done.has(key)) return;
    if (path.has(key)) throw batchError(`Batch request ${item.id} depends on itself through dependsOn.`);
    path.add(key);
    for (const dependency of item.dependsOn) visit(byId.get(dependency.toLowerCase())!, path);
    path.delete(key);
    done.add(key);
  };
  for (const item of items) visit(item, new Set());
}

function failedDependency() {
  return itemError(424, 'FailedDependency', 'Request failed because a request it depends on failed.');
}

function itemError(status: number, code: string, message: string) {
  return {
    status,
    headers: { 'Content-Type': 'application/json' },
    body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19) } } },
  };
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
