import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../shared/listen.ts';
import type { TestPki } from '../shared/tls.ts';
import { buildGraphEmulator } from './app.ts';
import type { GraphEmulatorState } from './emulator-state.ts';
import type { GraphEmulatorOptions } from './options.ts';

export interface StartGraphEmulatorOptions extends GraphEmulatorOptions {
  /** Plain HTTP port (0 = any free port); null for HTTPS only. Default 0. */
  readonly port?: number | null;
  /** HTTPS port (0 = any free port); omit for plain HTTP only. MSAL needs HTTPS. */
  readonly httpsPort?: number;
  readonly host?: string;
  /**
   * Folder for the generated test CA and server certificate (so the CA file outlives a restart).
   * Without it (and without `tls`) a temporary folder is used and removed on close.
   */
  readonly tlsDir?: string;
  readonly tls?: TestPki;
}

export interface RunningGraphEmulator {
  readonly tenantId: string;
  /** The HTTPS base when served, else HTTP. */
  readonly url: string;
  readonly httpUrl?: string;
  readonly httpsUrl?: string;
  /** `{url}/{tenantId}`: an MSAL authority. */
  readonly authority: string;
  readonly tokenEndpoint: string;
  /** `{url}/v1.0` */
  readonly graphBaseUrl: string;
  readonly apps: readonly { readonly clientId: string; readonly clientSecret: string }[];
  /** CA certificate (PEM) clients must trust for the HTTPS side. */
  readonly caCertPem?: string;
  readonly caFile?: string;
  readonly state: GraphEmulatorState;
  close(): Promise<void>;
}

export async function startGraphEmulator(options: StartGraphEmulatorOptions): Promise<RunningGraphEmulator> {
  const { app, state } = await buildGraphEmulator(options);
  const temporaryTlsDir =
    options.httpsPort !== undefined && options.tlsDir === undefined && options.tls === undefined
      ? mkdtempSync(join(tmpdir(), 'hrsync-graph-tls-'))
      : undefined;
  const tlsDir = options.tlsDir ?? temporaryTlsDir;
  const served = await listen(app, {
    port: options.port === undefined ? 0 : options.port,
    ...(options.httpsPort === undefined ? {} : { httpsPort: options.httpsPort }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(tlsDir === undefined ? {} : { tlsDir }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  });
  const close = async () => {
    await served.close();
    if (temporaryTlsDir) rmSync(temporaryTlsDir, { recursive: true, force: true });
  };
  const tenantId = state.directory.tenantId;
  return {
    tenantId,
    url: served.url,
    ...(served.httpUrl === undefined ? {} : { httpUrl: served.httpUrl }),
    ...(served.httpsUrl === undefined ? {} : { httpsUrl: served.httpsUrl }),
    authority: `${served.url}/${tenantId}`,
    tokenEndpoint: `${served.url}/${tenantId}/oauth2/v2.0/token`,
    graphBaseUrl: `${served.url}/v1.0`,
    apps: [...state.apps.values()].map((a) => ({ clientId: a.clientId, clientSecret: a.clientSecret })),
    ...(served.caCertPem === undefined ? {} : { caCertPem: served.caCertPem }),
    ...(served.caFile === undefined ? {} : { caFile: served.caFile }),
    state,
    close,
  };
}
