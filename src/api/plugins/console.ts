/**
 * Serves the built web console (web/dist) at `/`. Unknown non-API paths fall back to index.html so
 * the console's client-side routes survive a reload.
 *
 * The build writes a brotli (`.br`) and a gzip (`.gz`) copy of every text file (web/vite.config.ts);
 * the copy the browser accepts is sent, so nothing is compressed per request. Files under /assets/
 * are named after their content hash, so they never change and are cached for a year without asking
 * again; index.html names the current hashes, so the browser revalidates it every time (the ETag
 * makes that a 304). The console is a few megabytes and read once at start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type Encoding = 'br' | 'gzip' | 'identity';

interface ConsoleFile {
  readonly type: string;
  readonly immutable: boolean;
  readonly variants: ReadonlyMap<Encoding, { readonly body: Buffer; readonly etag: string }>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves `request` the index page (the not-found fallback for the console's own routes). */
export type ServeIndex = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

export async function registerConsole(
  app: FastifyInstance,
  webDir: string | null | undefined,
): Promise<ServeIndex | null> {
  if (!webDir || !existsSync(join(webDir, 'index.html'))) return null;
  const files = loadConsole(webDir);
  const index = files.get('/index.html');
  if (!index) return null;
  for (const [path, file] of files) {
    app.get(path, { schema: { hide: true } }, (request, reply) => send(request, reply, file));
  }
  app.get('/', { schema: { hide: true } }, (request, reply) => send(request, reply, index));
  return (request, reply) => send(request, reply, index);
}

function loadConsole(webDir: string): Map<string, ConsoleFile> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  const all = new Set(walk(webDir));
  const files = new Map<string, ConsoleFile>();
  for (const file of all) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    const path = `/${relative(webDir, file).split(sep).join('/')}`;
    const variants = new Map<Encoding, { body: Buffer; etag: string }>();
    const add = (encoding: Encoding, name: string) => {
      if (!all.has(name)) return;
      const body = readFileSync(name);
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
      variants.set(encoding, { body, etag: `"${hash}-${encoding}"` });
    };
    add('identity', file);
    add('br', `${file}.br`);
    add('gzip', `${file}.gz`);
    files.set(path, {
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      immutable: path.startsWith('/assets/'),
      variants,
    });
  }
  return files;
}

function send(request: FastifyRequest, reply: FastifyReply, file: ConsoleFile): FastifyReply {
  const encoding = negotiate(request.headers['accept-encoding'], file.variants);
  const variant = file.variants.get(encoding);
  if (!variant) return reply.code(404).send();
  reply
    .header('content-type', file.type)
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('vary', 'accept-encoding')
    .header('etag', variant.etag);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  if (request.headers['if-none-match'] === variant.etag) return reply.code(304).send();
  return reply.send(variant.body);
}

/** The best encoding the request accepts and the file has: brotli, then gzip, else as it is. */
function negotiate(header: string | undefined, variants: ReadonlyMap<Encoding, unknown>): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  for (const encoding of ['br', 'gzip'] as const) {
    const q = accepted.get(encoding) ?? wildcard ?? 0;
    if (q > 0 && variants.has(encoding)) return encoding;
  }
  return 'identity';
}
