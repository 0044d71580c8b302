/**
 * The service's settings, read from the environment once and validated here — the only place in
 * hrsync that reads process.env (STYLE.md principle 10). Command-line flags override the variables.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSecretKey } from '../store/index.ts';
import { DEFAULT_WEB_DIR } from './console-build.ts';

export interface ServiceConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** From HRSYNC_SECRET_KEY; otherwise the key file in the data folder is used (created on first start). */
  readonly secretKey: Buffer | undefined;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly webDir: string;
  /** true, false, or the addresses/CIDRs of the TLS-terminating proxies (Fastify's trustProxy). */
  readonly trustProxy: boolean | readonly string[];
  /** Hosts allowed as AFAS/Microsoft endpoints besides the official ones (HRSYNC_ALLOWED_ENDPOINT_HOSTS). */
  readonly allowedEndpointHosts: readonly string[];
  readonly secureCookies: 'auto' | boolean;
  /** HRSYNC_METRICS_TOKEN: the bearer token Prometheus presents; unset, /metrics answers 404. */
  readonly metricsToken: string | undefined;
  readonly tls: { readonly cert: string; readonly key: string } | undefined;
  readonly extraCa: string | undefined;
  readonly leaseMs: number;
  readonly pollMs: number;
  /**
   * HRSYNC_RUN_THREAD_RECYCLE_MB: a run thread whose heap a run left this far above its idle size is
   * replaced by a fresh one, so that memory goes back to the system (run-thread.ts).
   */
  readonly runThreadRecycleBytes: number;
  readonly schedulerIntervalMs: number;
  /** The server's mail server for notifications (HRSYNC_SMTP_*); organisations may set their own. */
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly security: 'tls' | 'starttls' | 'none';
    readonly username: string | null;
    readonly password: string | null;
    readonly from: string;
  } | null;
  /** The console's public address (HRSYNC_PUBLIC_URL), for links in notifications. */
  readonly publicUrl: string | null;
  readonly bootstrap: {
    readonly organisation: string;
    readonly email: string;
    readonly password: string | undefined;
  };
}

export type ConfigOverrides = Partial<
  Pick<ServiceConfig, 'dataDir' | 'host' | 'port' | 'databaseUrl' | 'logLevel'>
>;

const DEFAULT_DATA_DIR = '.data';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`hrsync configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `true`/`false`, or a comma list of proxy addresses or CIDR ranges whose X-Forwarded-* headers are believed. */
function trustProxy(text: string | undefined, problems: string[]): boolean | readonly string[] {
  const value = text?.trim().toLowerCase();
  if (value === undefined || value === '' || ['0', 'false', 'no'].includes(value)) return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  const list = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (list.some((a) => !/^[0-9a-f.:]+(\/[0-9]{1,3})?$/.test(a))) {
    problems.push('HRSYNC_TRUST_PROXY must be true, false, or a comma list of proxy addresses/CIDRs');
    return false;
  }
  return list;
}

/** Reads and checks every setting, reporting all problems at once. */
export function loadServiceConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
      return fallback;
    }
    return n;
  };
  const file = (name: string): string | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };

  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite store)');
  }
  let secretKey: Buffer | undefined;
  if (env.HRSYNC_SECRET_KEY) {
    try {
      secretKey = parseSecretKey(env.HRSYNC_SECRET_KEY);
    } catch (error) {
      problems.push(`HRSYNC_SECRET_KEY: ${(error as Error).message}`);
    }
  }
  const secure = env.HRSYNC_SECURE_COOKIES?.toLowerCase();
  if (secure !== undefined && !['auto', 'true', 'false'].includes(secure)) {
    problems.push('HRSYNC_SECURE_COOKIES must be auto, true or false');
  }
  const cert = file('HRSYNC_TLS_CERT_FILE');
  const key = file('HRSYNC_TLS_KEY_FILE');
  if ((cert === undefined) !== (key === undefined)) {
    problems.push('HRSYNC_TLS_CERT_FILE and HRSYNC_TLS_KEY_FILE go together');
  }
  const smtpHost = env.HRSYNC_SMTP_HOST?.trim() || undefined;
  const smtpSecurity = (env.HRSYNC_SMTP_SECURITY?.trim().toLowerCase() || 'starttls') as
    | 'tls'
    | 'starttls'
    | 'none';
  if (!['tls', 'starttls', 'none'].includes(smtpSecurity)) {
    problems.push('HRSYNC_SMTP_SECURITY must be starttls, tls or none');
  }
  const smtpFrom = env.HRSYNC_SMTP_FROM?.trim() || undefined;
  if (smtpHost !== undefined && (smtpFrom === undefined || !/^[^@\s]+@[^@\s]+$/.test(smtpFrom))) {
    problems.push(
      'HRSYNC_SMTP_FROM (the sender address, e.g. hrsync@example.com) is needed with HRSYNC_SMTP_HOST',
    );
  }
  if ((env.HRSYNC_SMTP_PASSWORD ?? '') !== '' && !env.HRSYNC_SMTP_USER) {
    problems.push('HRSYNC_SMTP_PASSWORD needs HRSYNC_SMTP_USER');
  }
  const publicUrl = env.HRSYNC_PUBLIC_URL?.trim() || null;
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl)) {
    problems.push('HRSYNC_PUBLIC_URL must be an http(s) URL, e.g. https://hrsync.example.com');
  }
  const metricsToken = env.HRSYNC_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{24,512}$/.test(metricsToken)) {
    problems.push(
      'HRSYNC_METRICS_TOKEN must be 24 to 512 printable characters without spaces (e.g. `openssl rand -hex 32`)',
    );
  }
  const config: ServiceConfig = {
    dataDir: resolve(overrides.dataDir ?? env.HRSYNC_DATA_DIR ?? DEFAULT_DATA_DIR),
    databaseUrl,
    secretKey,
    host: overrides.host ?? env.HRSYNC_HOST ?? '127.0.0.1',
    port: overrides.port ?? int('HRSYNC_PORT', 8080, 0, 65535),
    logLevel: overrides.logLevel ?? env.HRSYNC_LOG_LEVEL ?? 'info',
    // Beside the sources by default, so `hrsync serve` finds the console from any working folder.
    webDir: env.HRSYNC_WEB_DIR ? resolve(env.HRSYNC_WEB_DIR) : DEFAULT_WEB_DIR,
    trustProxy: trustProxy(env.HRSYNC_TRUST_PROXY, problems),
    allowedEndpointHosts: (env.HRSYNC_ALLOWED_ENDPOINT_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
    secureCookies: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    metricsToken,
    tls: cert !== undefined && key !== undefined ? { cert, key } : undefined,
    extraCa: file('HRSYNC_EXTRA_CA_FILE'),
    leaseMs: int('HRSYNC_WORKER_LEASE_SECONDS', 60, 2, 3600) * 1000,
    pollMs: int('HRSYNC_WORKER_POLL_MS', 1000, 50, 60_000),
    runThreadRecycleBytes: int('HRSYNC_RUN_THREAD_RECYCLE_MB', 64, 1, 65_536) * 1024 ** 2,
    schedulerIntervalMs: int('HRSYNC_SCHEDULER_INTERVAL_SECONDS', 15, 1, 3600) * 1000,
    smtp:
      smtpHost === undefined
        ? null
        : {
            host: smtpHost,
            port: int(
              'HRSYNC_SMTP_PORT',
              smtpSecurity === 'tls' ? 465 : smtpSecurity === 'none' ? 25 : 587,
              1,
              65535,
            ),
            security: smtpSecurity,
            username: env.HRSYNC_SMTP_USER || null,
            password: env.HRSYNC_SMTP_PASSWORD || null,
            from: smtpFrom ?? '',
          },
    publicUrl,
    bootstrap: {
      organisation: env.HRSYNC_ORGANISATION ?? 'My organisation',
      email: env.HRSYNC_ADMIN_EMAIL ?? 'admin@localhost',
      password: env.HRSYNC_ADMIN_PASSWORD || undefined,
    },
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`HRSYNC_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
