import { type ListenOptions, listen } from '../shared/index.ts';
import type { TestPki } from '../shared/tls.ts';
import { ADMIN_PREFIX, type AfasEmulator, buildAfasEmulator, PROFIT_PREFIX } from './app.ts';
import type { AfasEmulatorOptions } from './emulator-state.ts';
import type { AfasToken } from './token.ts';

export interface StartAfasEmulatorOptions extends AfasEmulatorOptions {
  /** HTTP port, 0 = any free one. Default 0 when no `httpsPort` is given; `null` = HTTPS only. */
  readonly port?: number | null;
  /** HTTPS port (0 = any free one); omitted = no HTTPS. */
  readonly httpsPort?: number;
  /** default 127.0.0.1 */
  readonly host?: string;
  /** certificates for HTTPS; default a fresh test PKI (persisted in `tlsDir` when given) */
  readonly tls?: TestPki;
  readonly tlsDir?: string;
}

export interface RunningAfasEmulator extends AfasEmulator {
  /** What a connection's base URL is set to, e.g. `http://127.0.0.1:4080/ProfitRestServices`
   * (the HTTPS one when HTTPS is served). */
  readonly baseUrl: string;
  readonly httpBaseUrl?: string;
  readonly httpsBaseUrl?: string;
  /** e.g. `http://127.0.0.1:4080/__admin` */
  readonly adminUrl: string;
  /** CA that signed the HTTPS certificate (PEM) and where it is on disk, when HTTPS is served. */
  readonly caCertPem?: string;
  readonly caFile?: string;
  readonly token: AfasToken;
  close(): Promise<void>;
}

export async function startAfasEmulator(options: StartAfasEmulatorOptions): Promise<RunningAfasEmulator> {
  const emulator = buildAfasEmulator(options);
  const listenOptions: ListenOptions = {
    port: options.port === undefined ? (options.httpsPort === undefined ? 0 : null) : options.port,
    ...(options.httpsPort === undefined ? {} : { httpsPort: options.httpsPort }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.tlsDir === undefined ? {} : { tlsDir: options.tlsDir }),
  };
  const listening = await listen(emulator.app, listenOptions);
  return {
    ...emulator,
    baseUrl: listening.url + PROFIT_PREFIX,
    adminUrl: listening.url + ADMIN_PREFIX,
    token: emulator.state.token,
    close: listening.close,
    ...(listening.httpUrl === undefined ? {} : { httpBaseUrl: listening.httpUrl + PROFIT_PREFIX }),
    ...(listening.httpsUrl === undefined ? {} : { httpsBaseUrl: listening.httpsUrl + PROFIT_PREFIX }),
    ...(listening.caCertPem === undefined ? {} : { caCertPem: listening.caCertPem }),
    ...(listening.caFile === undefined ? {} : { caFile: listening.caFile }),
  };
}
