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

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? 'info',
    base: { service: 'hrsync' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
