/**
 * Which methods a path takes, to tell "no such path" (404) from "this path, but not with this method"
 * (405 with `Allow`): Fastify answers both with its not-found handler. Each method has its own
 * routing tree in Fastify (find-my-way), so a path takes every method of every route whose pattern
 * matches it — `:name` one segment, `*` the rest.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteMethods {
  /** The methods `url` (query ignored) takes, sorted; empty when no route matches it. */
  allowedFor(url: string): readonly string[];
}

function patternOf(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** Records every route from now on; call before the routes are registered. */
export function recordRouteMethods(app: FastifyInstance): RouteMethods {
  const routes = new Map<string, { readonly pattern: RegExp; readonly methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    let entry = routes.get(route.url);
    if (entry === undefined) {
      entry = { pattern: patternOf(route.url), methods: new Set() };
      routes.set(route.url, entry);
    }
    for (const method of [route.method].flat()) {
      entry.methods.add(method);
      // Fastify answers HEAD wherever it answers GET.
      if (method === 'GET') entry.methods.add('HEAD');
    }
  });
  return {
    allowedFor(url) {
      const path = url.split('?')[0] ?? '';
      const allowed = new Set<string>();
      for (const { pattern, methods } of routes.values()) {
        if (pattern.test(path)) for (const m of methods) allowed.add(m);
      }
      return [...allowed].sort();
    },
  };
}
