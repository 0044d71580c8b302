/**
 * The Active Directory target (hybrid tenants): the same Target port as Graph, over one failover
 * LDAP connection. Built on ldapts.
 */
import { readFileSync } from 'node:fs';
import { type DirectoryTargetConfig, type EndpointPolicy, HrsyncError } from '../../core/index.ts';
import type { Target } from '../../engine/ports.ts';
import { DIRECTORY_CAPABILITIES } from './directory-capabilities.ts';
import { checkDirectory, type DirectoryCheckResult } from './directory-check.ts';
import { DirectoryConnection } from './directory-connection.ts';
import { readDirectoryGroups } from './directory-groups.ts';
import { findAccounts, readAccounts } from './directory-reader.ts';
import { DirectoryWriter } from './directory-writer.ts';
import { globalCatalogUrl } from './forest-names.ts';

export interface DirectoryDeps {
  readonly bindPassword: string;
  /** PEM of the CA to trust; default: the configuration's caCertificate or caFile. */
  readonly ca?: string;
  /** Attributes the mapping writes, for the permission check of "test connection". */
  readonly writtenAttributes?: readonly string[];
  readonly timeoutMs?: number;
  /** Writes in flight at once on the connection. */
  readonly concurrency?: number;
  /**
   * The service's endpoint rule, judged again when connecting (DirectoryEndpoint.endpointPolicy);
   * absent for a directory agent and the CLI.
   */
  readonly endpointPolicy?: EndpointPolicy;
}

export interface DirectoryTarget extends Target {
  test(options?: Parameters<Target['test']>[0]): Promise<DirectoryCheckResult>;
  /** The controller URL in use, or null before the first operation. */
  readonly controllerUrl: string | null;
  close(): Promise<void>;
}

export function createDirectoryTarget(config: DirectoryTargetConfig, deps: DirectoryDeps): DirectoryTarget {
  const ca =
    deps.ca ?? config.caCertificate ?? (config.caFile ? readFileSync(config.caFile, 'utf8') : undefined);
  const conn = new DirectoryConnection({
    urls: config.urls,
    ca,
    tlsServerName: config.tlsServerName,
    bindUser: config.bindUser,
    bindPassword: deps.bindPassword,
    timeoutMs: deps.timeoutMs,
    endpointPolicy: deps.endpointPolicy,
  });
  // The Global Catalog of the same controllers, for names unique in the forest (forest-names.ts).
  const catalog = new DirectoryConnection({
    urls: config.urls.map(globalCatalogUrl),
    ca,
    tlsServerName: config.tlsServerName,
    bindUser: config.bindUser,
    bindPassword: deps.bindPassword,
    timeoutMs: deps.timeoutMs,
    endpointPolicy: deps.endpointPolicy,
  });
  const globalCatalog = () =>
    catalog.client().then(
      () => catalog,
      (error: unknown) => {
        // A refused bind is the same on the controllers themselves: say so rather than skip.
        if (error instanceof HrsyncError && error.code !== 'HRS_TARGET_UNAVAILABLE') throw error;
        return null;
      },
    );
  const containers = [config.container, config.disabledContainer].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  const writer = new DirectoryWriter(conn, {
    container: config.container,
    mustChangePassword: config.mustChangePassword,
    ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
  });
  return {
    capabilities: DIRECTORY_CAPABILITIES,
    get controllerUrl() {
      return conn.url;
    },
    readAccounts: async (options) => {
      const read = await readAccounts(conn, config.baseDn, options, { globalCatalog, containers });
      // A create without a parentDistinguishedName goes to the container (DirectoryWriter).
      return read.readWithin
        ? { ...read, readWithin: { ...read.readWithin, fallback: config.container } }
        : read;
    },
    findAccounts: (attribute, value, attributes) =>
      findAccounts(conn, config.baseDn, attribute, value, attributes),
    apply: (writes, options) => writer.apply(writes, options),
    readEntitlements: (request) => readDirectoryGroups(conn, config.baseDn, request.groupIds),
    test: (options) =>
      checkDirectory(conn, {
        baseDn: config.baseDn,
        container: config.container,
        disabledContainer: config.disabledContainer,
        placements: options?.containers ?? [],
        writtenAttributes: deps.writtenAttributes ?? [
          'givenName',
          'sn',
          'displayName',
          'title',
          'department',
          'manager',
        ],
      }),
    close: async () => {
      await Promise.all([conn.close(), catalog.close()]);
    },
  };
}
