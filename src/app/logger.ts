/**
 * The service's structured logger. Redaction is the last line of defence for invariant 6: request
 * headers that carry credentials and any field named like a secret are censored, whatever a caller
 * passes to the logger.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.clientSecret',
  '*.privateKey',
  '*.certificate',
  '*.secret',
  '*.secretKey',
  'password',
  'token',
  'clientSecret',
  'privateKey',
  'certificate',
  'secret',
];

/** Query parameters that carry a credential: OpenID Connect's answer to Sign in with Microsoft. */
const URL_CREDENTIALS = /([?&](?:code|state|session_state|id_token|access_token)=)[^&#]*/gi;

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly socket?: { readonly remotePort?: number };
}

/**
 * Fastify's request summary (its own `req` serializer, which this one replaces: a root logger's
 * serializers win), with credentials in the URL's query replaced.
 */
function requestSummary(req: LoggedRequest) {
  return {
    method: req.method,
    url: req.url?.replace(URL_CREDENTIALS, '$1[redacted]'),
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? 'info',
    base: { service: 'hrsync' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: requestSummary },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
