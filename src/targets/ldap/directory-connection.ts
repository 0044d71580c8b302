/**
 * One bound LDAP connection to the directory, with failover: the controller URLs are tried in order
 * and the first that connects, negotiates TLS and accepts the bind is used until it fails. Every
 * connection is encrypted — `ldaps://`, or `ldap://` upgraded with StartTLS before the bind — so the
 * bind password and initial passwords never cross the network in clear text. The service's own
 * connections go through the endpoint rule when they connect, so a controller's name that DNS points
 * at this machine (or later rebinds there) never receives the bind password.
 */
import { connect, type LookupFunction, Socket } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { Client } from 'ldapts';
import { type EndpointPolicy, HrsyncError } from '../../core/index.ts';
import { guardedLookup, writtenAddressProblem } from '../../net/index.ts';
import { classifyLdapError, type LdapFailure, refusedEndpoint } from './ldap-errors.ts';

/**
 * The time limit hrsync asks for on searches that page through many entries: none, so the
 * server's own applies (MaxQueryDuration, 120 s a page on Windows). ldapts asks for 10 s by default,
 * and Samba computes a paged search's whole result on its first page: a 20,000-account OU on a busy
 * controller then failed with "Operations error" or "Indexed and full searches both failed".
 */
export const SEARCH_TIME_LIMIT = 0;

export interface DirectoryEndpoint {
  /** `ldaps://dc1.example.nl` or `ldap://dc1.example.nl` (StartTLS), tried in order. */
  readonly urls: readonly string[];
  /** PEM of the certificate authority to trust; default: the system's roots. */
  readonly ca?: string | undefined;
  /** The name on the controller's certificate, when the URL holds an IP address. */
  readonly tlsServerName?: string | undefined;
  /** UPN, DOMAIN\user or DN. */
  readonly bindUser: string;
  readonly bindPassword: string;
  readonly timeoutMs?: number | undefined;
  readonly connectTimeoutMs?: number | undefined;
  /**
   * The service's endpoint rule (HRSYNC_ALLOWED_ENDPOINT_HOSTS): each URL is judged again when it is
   * connected to (one stored while the server allowed more), and its name resolved through the
   * connect-time guard. Absent for a directory agent and the CLI, which connect from the customer's
   * own network at the customer's own choice.
   */
  readonly endpointPolicy?: EndpointPolicy | undefined;
}

export class DirectoryConnection {
  #client: Client | null = null;
  /** Whether #client's connection is still open (see #connect). */
  #alive: () => boolean = () => false;
  #url: string | null = null;
  #connecting: Promise<Client> | null = null;
  readonly #endpoint: DirectoryEndpoint;
  /** URLs that failed, most recent last, with why (for "test connection" and error messages). */
  readonly failures: { url: string; message: string }[] = [];

  constructor(endpoint: DirectoryEndpoint) {
    if (endpoint.urls.length === 0)
      throw new HrsyncError('HRS_CONFIG_INVALID', 'no domain controller URL is set');
    this.#endpoint = endpoint;
  }

  /** The URL of the controller in use, or null before the first connection. */
  get url(): string | null {
    return this.#url;
  }

  /** Whether a connection is open now (false before the first, and once the controller closed it). */
  get connected(): boolean {
    return this.#client !== null && this.#alive();
  }

  /** A bound client: the current one, or the first controller (in configured order) that works. */
  client(): Promise<Client> {
    const current = this.#client;
    // A connection the controller closed between operations (idle timeout, restart) is not used
    // again: ldapts would reopen it without the bind (and, for ldap://, without StartTLS).
    if (current && !this.#alive()) {
      this.#drop(current, { message: 'the connection was closed since its last operation' });
    }
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  /**
   * Runs an operation; when the controller cannot be reached (or the connection dies) and the
   * operation is safe to repeat, it is repeated once on the next controller that answers.
   */
  async run<T>(operation: (client: Client) => Promise<T>, options: { idempotent: boolean }): Promise<T> {
    const client = await this.client();
    try {
      return await operation(client);
    } catch (error) {
      const failure = classifyLdapError(error);
      if (!failure.unreachable) throw error;
      this.#drop(client, failure);
      if (!options.idempotent) throw error;
      return operation(await this.client());
    }
  }

  async close(): Promise<void> {
    const client = this.#client;
    const alive = this.#alive();
    this.#client = null;
    this.#url = null;
    // An unbind on a connection that is gone would wait for its answer until the timeout.
    if (alive) await client?.unbind().catch(() => {});
  }

  #drop(client: Client, failure: Pick<LdapFailure, 'message'>) {
    if (this.#client === client) {
      this.failures.push({ url: this.#url ?? '', message: failure.message });
      this.#client = null;
      this.#url = null;
      client.unbind().catch(() => {});
    }
  }

  async #connect(): Promise<Client> {
    const problems: string[] = [];
    const permanent: LdapFailure[] = [];
    const policy = this.#endpoint.endpointPolicy;
    for (const url of this.#endpoint.urls) {
      const problem = policy ? writtenAddressProblem('directory', url, policy) : null;
      if (problem !== null) {
        const message = `the controller cannot be reached: ${problem}`;
        problems.push(`${url}: ${message}`);
        this.failures.push({ url, message });
        permanent.push(refusedEndpoint(message));
        continue;
      }
      const lookup = policy ? guardedLookup('directory', url, policy) : undefined;
      const startTls = url.toLowerCase().startsWith('ldap://');
      // The TLS socket StartTLS made: ldapts watches only the plain socket under it for a close, so
      // after a StartTLS its client still counts as connected when the controller has hung up.
      let upgraded: TLSSocket | undefined;
      const client = new Client({
        url,
        // ldapts opens TLS at once on any URL it is given TLS options for, ldap:// too (so StartTLS
        // then ran inside TLS on port 389, which no controller speaks): they go to ldaps:// only, and
        // an ldap:// connection is upgraded below before anything else is sent on it.
        ...(startTls
          ? {
              createConnection: oneClearConnection(url, lookup),
              createSecureConnection: ((options: ConnectionOptions) => {
                upgraded = tlsConnect(options);
                return upgraded;
              }) as typeof tlsConnect,
            }
          : { tlsOptions: { ...this.#tls(), ...(lookup ? { lookup } : {}) } }),
        // Windows ends a search request after MaxQueryDuration (120 s); Samba computes a paged
        // search's whole result on its first page, which on a busy controller took over 60 s for
        // 20,000 accounts. A hung controller is still left after this.
        timeout: this.#endpoint.timeoutMs ?? 120_000,
        connectTimeout: this.#endpoint.connectTimeoutMs ?? 10_000,
      });
      try {
        if (startTls) await client.startTLS(this.#tls());
        await client.bind(this.#endpoint.bindUser, this.#endpoint.bindPassword);
        this.#client = client;
        this.#url = url;
        this.#alive = startTls
          ? () => client.isConnected && upgraded !== undefined && !upgraded.destroyed
          : () => client.isConnected;
        return client;
      } catch (error) {
        await client.unbind().catch(() => {});
        const failure = classifyLdapError(error);
        problems.push(`${url}: ${failure.message}`);
        this.failures.push({ url, message: failure.message });
        if (failure.permanent) permanent.push(failure);
        // A refused bind is the same on every controller of the domain: stop here.
        if (!failure.unreachable) throw new HrsyncError(failure.code, problems.join('; '), { cause: error });
      }
    }
    // Every controller's name unknown to DNS, or its certificate untrusted: asking again gives the
    // same answer, so it is not retried (as the HTTP clients do).
    const first = permanent[0];
    if (first !== undefined && permanent.length === this.#endpoint.urls.length)
      throw new HrsyncError(
        first.code,
        `no domain controller can be reached, and trying again cannot help: ${problems.join('; ')}`,
      );
    throw new HrsyncError(
      'HRS_TARGET_UNAVAILABLE',
      `no domain controller could be reached: ${problems.join('; ')}`,
    );
  }

  #tls(): ConnectionOptions {
    const { ca, tlsServerName } = this.#endpoint;
    return {
      minVersion: 'TLSv1.2',
      ...(ca ? { ca: [ca] } : {}),
      ...(tlsServerName ? { servername: tlsServerName } : {}),
    };
  }
}

/**
 * ldapts's socket factory for one ldap:// client: the first connection, which StartTLS upgrades, and
 * no other. When an upgraded connection drops, ldapts opens a new plain one for the next operation
 * and sends it unencrypted (StartTLS is not repeated, nor the bind): that connection fails instead,
 * as a lost connection, so DirectoryConnection.run connects afresh — StartTLS, then the bind.
 */
function oneClearConnection(url: string, lookup: LookupFunction | undefined): typeof connect {
  let used = false;
  // ldapts calls it as connect(port, host).
  const factory = (port: number, host: string): Socket => {
    if (!used) {
      used = true;
      return connect({ port, host, ...(lookup ? { lookup } : {}) });
    }
    const refused = new Socket();
    const error = Object.assign(
      new Error(`the StartTLS connection to ${url} was closed; it is not reopened unencrypted`),
      { code: 'ECONNRESET' },
    );
    queueMicrotask(() => refused.destroy(error));
    return refused;
  };
  return factory as typeof connect;
}
