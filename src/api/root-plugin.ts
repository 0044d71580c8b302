import type { FastifyInstance } from 'fastify';

/**
 * Marks a plugin as not encapsulated, so its decorators and hooks reach the whole app — what the
 * `fastify-plugin` package does, via the documented `skip-override` symbol, without adding it as a
 * dependency.
 */
export function rootPlugin<T extends (app: FastifyInstance) => Promise<void>>(plugin: T, name: string): T {
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  });
  return plugin;
}
