/**
 * One bound LDAP connection to the directory, with failover: the controller URLs are tried in order
 * and the first that connects, negotiates TLS and accepts the bind is used until it fails. Every
 * connection is encrypted — `ldaps://`, or `ldap://` upgraded with StartTLS before the bind — so the
 * bind password and initial passwords never cross the network in clear text.
 */
import type { ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import { HrsyncError } from '../../core/index.ts';
import { classifyLdapError, type LdapFailure } from './ldap-errors.ts';

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
}

export class DirectoryConnection {
  #client: Client | null = null;
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

  /** A bound client: the current one, or the first controller (in configured order) that works. */
  client(): Promise<Client> {
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
    this.#client = null;
    this.#url = null;
    await client?.unbind().catch(() => {});
  }

  #drop(client: Client, failure: LdapFailure) {
    if (this.#client === client) {
      this.failures.push({ url: this.#url ?? '', message: failure.message });
      this.#client = null;
      this.#url = null;
      client.unbind().catch(() => {});
    }
  }

  async #connect(): Promise<Client> {
    const problems: string[] = [];
    for (const url of this.#endpoint.urls) {
      const client = new Client({
        url,
        tlsOptions: this.#tls(),
        // Windows ends a search request after MaxQueryDuration (120 s); Samba computes a paged
        // search's whole result on its first page, which on a busy controller took over 60 s for
        // 20,000 accounts. A hung controller is still left after this.
        timeout: this.#endpoint.timeoutMs ?? 120_000,
        connectTimeout: this.#endpoint.connectTimeoutMs ?? 10_000,
      });
      try {
        if (url.toLowerCase().startsWith('ldap://')) await client.startTLS(this.#tls());
        await client.bind(this.#endpoint.bindUser, this.#endpoint.bindPassword);
        this.#client = client;
        this.#url = url;
        return client;
      } catch (error) {
        await client.unbind().catch(() => {});
        const failure = classifyLdapError(error);
        problems.push(`${url}: ${failure.message}`);
        this.failures.push({ url, message: failure.message });
        // A refused bind is the same on every controller of the domain: stop here.
        if (!failure.unreachable) throw new HrsyncError(failure.code, problems.join('; '), { cause: error });
      }
    }
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
