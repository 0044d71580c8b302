/**
 * A connection's full engine configuration: the saved step sections, the destination tenant's
 * identity, and the engine's defaults for anything not saved. Secrets stay `{ stored: id }`
 * references here; `resolveRunSecrets` turns them into values only for the adapters.
 */
import { createHash } from 'node:crypto';
import { detailLines } from '../contracts/field-words.ts';
import type { ConnectionConfig, ErrorDetail, GraphCredential, SecretRef } from '../core/index.ts';
import { HrsyncError, parseConnectionConfig, plural } from '../core/index.ts';
import { DEFAULT_SECTIONS } from '../engine/index.ts';
import { resolveSecret } from '../engine/secrets.ts';
import type { Connection, Store, Tenant } from '../store/index.ts';
import { hybridSections } from '../targets/ldap/hybrid-defaults.ts';
import { AGENT_BIND_PASSWORD_ENV } from '../targets/remote/index.ts';
import type { CredentialMaterial } from './connectors.ts';

export type AssembledConfig =
  | { readonly ok: true; readonly config: ConnectionConfig; readonly hash: string }
  | { readonly ok: false; readonly errors: readonly ErrorDetail[] };

function graphCredential(tenant: Tenant): GraphCredential | undefined {
  const ref = tenant.credential;
  if (ref === null) return undefined;
  return ref.type === 'secret'
    ? { type: 'secret', secret: { stored: ref.secretId } }
    : {
        type: 'certificate',
        certificate: { stored: ref.certificateId },
        privateKey: { stored: ref.privateKeyId },
      };
}

/** A hybrid tenant's directory as the Active Directory target's configuration (secrets by id). */
function directoryTarget(tenant: Tenant, defaultDomain: string): Record<string, unknown> | undefined {
  const d = tenant.directory;
  if (d === null) return undefined;
  return {
    type: 'active-directory',
    urls: d.urls,
    ...(d.caCertificate ? { caCertificate: d.caCertificate } : {}),
    ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
    bindUser: d.bindUser,
    bindPassword: tenant.directoryViaAgents
      ? { env: AGENT_BIND_PASSWORD_ENV }
      : d.bindPasswordSecretId === null
        ? undefined
        : { stored: d.bindPasswordSecretId },
    ...(d.baseDn ? { baseDn: d.baseDn } : {}),
    container: d.container,
    ...(d.disabledContainer ? { disabledContainer: d.disabledContainer } : {}),
    upnSuffixes: d.upnSuffixes,
    defaultDomain,
    mustChangePassword: d.mustChangePassword,
  };
}

/**
 * The sections an unsaved step starts from: a hybrid connection from the Active Directory defaults
 * (AD attribute names, sAMAccountName, placement in the tenant's containers), otherwise the cloud ones.
 */
export function defaultSectionsFor(
  tenant: Tenant | null,
  destinationType?: Tenant['type'],
): Omit<ConnectionConfig, 'version' | 'source' | 'target'> {
  const hybrid = (tenant?.type ?? destinationType) === 'hybrid';
  return hybrid
    ? hybridSections(
        tenant?.directory?.container ?? 'OU=Users',
        tenant?.directory?.disabledContainer ?? undefined,
      )
    : DEFAULT_SECTIONS;
}

/** Builds the raw (unvalidated) configuration object; missing parts stay missing. */
export function rawConfig(connection: Connection, tenant: Tenant | null): Record<string, unknown> {
  const c = connection.config;
  const hybrid = tenant?.type === 'hybrid';
  const defaults = defaultSectionsFor(tenant);
  const target =
    tenant === null || c.destination === undefined
      ? undefined
      : hybrid
        ? directoryTarget(tenant, c.destination.defaultDomain)
        : {
            type: 'entra',
            tenantId: tenant.directoryId,
            clientId: tenant.clientId ?? undefined,
            credential: graphCredential(tenant),
            defaultDomain: c.destination.defaultDomain,
            authorityHost: tenant.authorityHost,
            graphBaseUrl: tenant.graphBaseUrl,
          };
  return {
    version: 1,
    timeZone: c.timeZone ?? DEFAULT_SECTIONS.timeZone,
    source: c.source,
    target,
    mapping: c.mapping ?? defaults.mapping,
    matching: c.matching ?? defaults.matching,
    uniqueness: c.uniqueness ?? defaults.uniqueness,
    scope: c.scope ?? DEFAULT_SECTIONS.scope,
    persons: c.persons ?? DEFAULT_SECTIONS.persons,
    lifecycle: c.lifecycle ?? DEFAULT_SECTIONS.lifecycle,
    thresholds: c.thresholds ?? DEFAULT_SECTIONS.thresholds,
    writeBack: c.writeBack ?? DEFAULT_SECTIONS.writeBack,
    // Absent when never saved, so configurations from before entitlements keep their hash.
    ...(c.entitlements === undefined ? {} : { entitlements: c.entitlements }),
  };
}

/**
 * "has 1 problem: Destination › Container for new accounts: …": what is wrong with an assembled
 * configuration, each field named as the console's forms name it. A wrong value is a problem, not an
 * incomplete configuration.
 */
export function configProblems(errors: readonly ErrorDetail[]): string {
  const lines = detailLines(errors, { topLevel: true });
  return `has ${plural(lines.length, 'problem')}: ${lines.join('; ')}`;
}

export function assembleConfig(connection: Connection, tenant: Tenant | null): AssembledConfig {
  const parsed = parseConnectionConfig(JSON.parse(JSON.stringify(rawConfig(connection, tenant))));
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, config: parsed.config, hash: configHash(parsed.config) };
}

/**
 * What "the current configuration" means for activation: everything that changes what a run does.
 * Secret ids are left out, so rotating a token or client secret does not demand a new simulation.
 */
export function configHash(config: ConnectionConfig): string {
  const withoutSecrets = JSON.parse(JSON.stringify(config), (key, value) =>
    key === 'stored' && typeof value === 'string' ? '*' : value,
  );
  return createHash('sha256').update(canonical(withoutSecrets)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface RunSecrets {
  readonly token: string;
  readonly credential: CredentialMaterial;
}

/** Decrypts one `{ stored }` reference (the service keeps no env or file references). */
function secretResolver(store: Store, organisationId: string) {
  return (ref: SecretRef) =>
    resolveSecret(ref, {
      env: {},
      stored: async (id) => {
        const value = await store.secrets.reveal(organisationId, id);
        if (value === null) throw new HrsyncError('HRS_SECRET_UNRESOLVED', `stored secret ${id} not found`);
        return value;
      },
    });
}

export async function resolveCredential(
  store: Store,
  organisationId: string,
  target: ConnectionConfig['target'],
): Promise<CredentialMaterial> {
  const resolve = secretResolver(store, organisationId);
  if (target.type === 'active-directory') return { bindPassword: await resolve(target.bindPassword) };
  const cred = target.credential;
  return cred.type === 'secret'
    ? { clientSecret: await resolve(cred.secret) }
    : { certificatePem: await resolve(cred.certificate), privateKeyPem: await resolve(cred.privateKey) };
}

export async function resolveToken(
  store: Store,
  organisationId: string,
  source: ConnectionConfig['source'],
): Promise<string> {
  return secretResolver(store, organisationId)(source.token);
}

/** Decrypts the AFAS token and the tenant's app credential for one run. */
export async function resolveRunSecrets(
  store: Store,
  organisationId: string,
  config: Pick<ConnectionConfig, 'source' | 'target'>,
): Promise<RunSecrets> {
  return {
    token: await resolveToken(store, organisationId, config.source),
    credential: await resolveCredential(store, organisationId, config.target),
  };
}

/** The tenant as a Graph target configuration, for "test credentials" (no connection needed). */
export function tenantTargetConfig(tenant: Tenant): ConnectionConfig['target'] | null {
  if (tenant.type === 'hybrid') {
    const d = tenant.directory;
    if (d === null || (d.bindPasswordSecretId === null && !tenant.directoryViaAgents)) return null;
    return {
      type: 'active-directory',
      urls: [...d.urls],
      ...(d.caCertificate ? { caCertificate: d.caCertificate } : {}),
      ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
      bindUser: d.bindUser,
      bindPassword:
        tenant.directoryViaAgents || d.bindPasswordSecretId === null
          ? { env: AGENT_BIND_PASSWORD_ENV }
          : { stored: d.bindPasswordSecretId },
      ...(d.baseDn ? { baseDn: d.baseDn } : {}),
      container: d.container,
      ...(d.disabledContainer ? { disabledContainer: d.disabledContainer } : {}),
      upnSuffixes: [...d.upnSuffixes],
      defaultDomain: d.upnSuffixes[0] ?? tenant.verifiedDomains[0] ?? 'example.com',
      mustChangePassword: d.mustChangePassword,
    };
  }
  const credential = graphCredential(tenant);
  if (tenant.clientId === null || credential === undefined) return null;
  return {
    type: 'entra',
    tenantId: tenant.directoryId,
    clientId: tenant.clientId,
    credential,
    defaultDomain: tenant.verifiedDomains[0] ?? 'example.com',
    authorityHost: tenant.authorityHost,
    graphBaseUrl: tenant.graphBaseUrl,
    usePasswordProfile: true,
  };
}
