import Fastify, { type FastifyInstance } from 'fastify';
import { adminPlugin } from './admin-plugin.ts';
import { type AfasEmulatorOptions, AfasEmulatorState } from './emulator-state.ts';
import { profitPlugin } from './profit-plugin.ts';
import { noteOf, sendEmpty } from './request-notes.ts';
import { updateConnector } from './updates/index.ts';

export interface AfasEmulator {
  readonly app: FastifyInstance;
  readonly state: AfasEmulatorState;
}

export const PROFIT_PREFIX = '/ProfitRestServices';
export const ADMIN_PREFIX = '/__admin';

/** The emulator as a Fastify app, not yet listening (see `startAfasEmulator`). */
export function buildAfasEmulator(options: AfasEmulatorOptions): AfasEmulator {
  const state = new AfasEmulatorState(options);
  // Profit's paths are case-insensitive in practice: docs write ProfitRestServices, HelloID writes
  // profitrestservices. Closing drops every connection, as the Graph emulator's does: in
  // test/service/persons.test.ts on PostgreSQL a connection with no request pending held close() for
  // ~70 s (until the server's own timeouts) after every response had been sent.
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false },
    forceCloseConnections: true,
  });
  app.setNotFoundHandler((_request, reply) => sendEmpty(reply, 404));
  app.addHook('onResponse', async (request, reply) => {
    const path = canonicalPath(request.url.split('?')[0] ?? '', state);
    if (path.toLowerCase().startsWith(ADMIN_PREFIX)) return;
    const { fault, detail } = noteOf(request);
    state.requests.record({
      at: new Date().toISOString(),
      method: request.method,
      path,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
      ...(fault === undefined ? {} : { fault }),
      ...(detail === undefined ? {} : { detail }),
    });
  });
  app.register(profitPlugin(state), { prefix: PROFIT_PREFIX });
  app.register(adminPlugin(state), { prefix: ADMIN_PREFIX });
  return { app, state };
}

/** Request counts group on one spelling of a path, whatever case the client used. */
function canonicalPath(path: string, state: AfasEmulator['state']): string {
  const match = /^\/profitrestservices(?=\/|$)(.*)$/i.exec(path);
  if (match === null) return path;
  const rest = match[1] ?? '';
  const connector = /^\/(connectors|metainfo\/get)\/([^/]+)$/i.exec(rest);
  if (connector !== null) {
    const id = decodeURIComponentSafe(connector[2] ?? '');
    const canonical = state.table(id)?.id ?? updateConnector(id)?.id ?? id;
    return `${PROFIT_PREFIX}/${(connector[1] ?? '').toLowerCase()}/${canonical}`;
  }
  const fixed = ['/metainfo', '/ProfitVersion'].find((p) => p.toLowerCase() === rest.toLowerCase());
  return PROFIT_PREFIX + (fixed ?? rest);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
