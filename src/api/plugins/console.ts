/**
 * Serves the built web console (web/dist) at `/`. Unknown non-API paths fall back to index.html so
 * the console's client-side routes survive a reload.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerConsole(
  app: FastifyInstance,
  webDir: string | null | undefined,
): Promise<boolean> {
  if (!webDir || !existsSync(join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: resolve(webDir),
    prefix: '/',
    wildcard: false,
    index: 'index.html',
  });
  return true;
}
