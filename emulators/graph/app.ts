import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes } from './admin/admin-routes.ts';
import { GraphEmulatorState } from './emulator-state.ts';
import { graphHttpRoutes } from './graph/http-adapter.ts';
import { createGraphRouter } from './graph/routes/index.ts';
import { identityRoutes } from './identity/identity-routes.ts';
import type { GraphEmulatorOptions } from './options.ts';

export interface GraphEmulator {
  readonly app: FastifyInstance;
  readonly state: GraphEmulatorState;
}

/** Builds (does not listen) the Entra ID + Graph emulator as a Fastify app. */
export async function buildGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const state = await GraphEmulatorState.create(options);
  const router = createGraphRouter();
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  await app.register(async (scope) => identityRoutes(scope, state));
  await app.register(async (scope) => graphHttpRoutes(scope, state, router));
  await app.register(async (scope) => adminRoutes(scope, state));
  return { app, state };
}
