/**
 * Web hardening (issue 10, item 6): security headers on the console and the API through
 * helmet — a Content-Security-Policy the console works under (scripts only from itself; Fluent
 * UI injects its styles at run time, hence inline styles), `frame-ancestors 'none'`, `nosniff`, a
 * referrer policy — and a cross-site check on every state-changing request that a browser could
 * send with the session cookie (CSRF must not rest on SameSite alone).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { HrsyncError } from '../../core/index.ts';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // The demo and a first start are plain HTTP on 127.0.0.1: upgrading requests would break them.
  upgradeInsecureRequests: null,
};

/**
 * The headers helmet sets, worked out once. @fastify/helmet builds helmet's middleware again on every
 * request (27 µs a request, most of it parsing the same policy); the headers never depend on the
 * request, so helmet is asked once at start-up and each reply gets the finished list (~1 µs).
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    // helmet removes X-Powered-By, which Fastify never sends.
    removeHeader() {},
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

export async function registerWebHardening(app: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a browser request must be refused as cross-site, or null. Only requests that ride on ambient
 * credentials matter: a bearer token is never sent by a browser on its own.
 */
export function crossSiteProblem(request: FastifyRequest): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  // Only an API token stands in for the cookie (auth-plugin.ts never falls back from a Bearer header
  // to it); with any other scheme — a proxy's Basic credentials, which the browser adds by itself to
  // requests other sites start — the cookie still authenticates.
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return null;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return `a ${site} request may not change anything (Sec-Fetch-Site: ${site})`;
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    let host: string | null = null;
    try {
      host = origin === 'null' ? null : new URL(origin).host;
    } catch {
      host = null;
    }
    // The URL parser drops a default port that a Host header may carry.
    const bare = (h: string) => h.toLowerCase().replace(/:(80|443)$/, '');
    if (host === null || bare(host) !== bare(request.host)) {
      return `a request from another origin (${origin}) may not change anything`;
    }
  }
  return null;
}

export function assertSameSite(request: FastifyRequest): void {
  const problem = crossSiteProblem(request);
  if (problem !== null) {
    throw new HrsyncError(
      'HRS_FORBIDDEN',
      `Refused: ${problem}. Use the console, or send an API token as "Authorization: Bearer hrs_…".`,
    );
  }
}
