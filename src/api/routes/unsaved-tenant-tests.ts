/**
 * "Test credentials" on what the administrator typed, before it is saved (issue 12, item 6). The
 * settings are merged over the saved tenant (or stand alone for a tenant not registered yet) and
 * checked by the same rules as a save — official hosts unless the server allows others, and a stored
 * secret only ever sent to the endpoint it was saved with (issue 10, item 1): a changed authority,
 * Graph host or set of controllers needs its secret typed in the same request. Only an admin, who
 * may change a tenant, may test unsaved settings. Nothing is stored: no secret, no setting, no test
 * result on the tenant; the test is audited.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type NewTenantBody,
  type TenantPatchBody,
  testNewTenantCredentials,
  testUnsavedTenantCredentials,
  type UnsavedCredentialTestDto,
} from '../../contracts/index.ts';
import { type ErrorDetail, HrsyncError } from '../../core/index.ts';
import { agentTarget, reachedThroughAgents } from '../../jobs/agent-target.ts';
import { resolveCredential, tenantTargetConfig } from '../../jobs/connection-config.ts';
import type { CredentialMaterial } from '../../jobs/connectors.ts';
import type { Store, Tenant, TenantDirectory } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';
import { loadTenant } from '../connections/load.ts';
import type { ApiDeps } from '../deps.ts';
import { registerEndpoint } from '../route.ts';
import {
  checkCredentialFields,
  checkDirectory,
  checkEndpoints,
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_GRAPH_BASE_URL,
  withWholeDirectory,
} from './tenant-input.ts';

/** The settings with the directory whole: a change's left-out directory fields are the saved ones. */
type Body = Partial<Static<typeof NewTenantBody>>;
type CheckList = readonly { name: string; ok: boolean; required: boolean; message: string }[];
type UnsavedTestResult = Static<typeof UnsavedCredentialTestDto>;

/** Stands in for a typed secret's id in the draft: the test hands the typed value to the adapter itself. */
const TYPED = '(typed, not stored)';

function refuse(problems: ErrorDetail[]): never {
  throw new HrsyncError(
    'HRS_VALIDATION',
    `The settings cannot be tested yet: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    { details: problems },
  );
}

/** The directory settings that decide where the bind goes and what it reads, for comparison. */
const directoryShape = (d: TenantDirectory | Body['directory'] | null | undefined) =>
  d == null
    ? null
    : JSON.stringify([
        d.urls.map((u) => u.toLowerCase()),
        d.caCertificate ?? null,
        d.tlsServerName ?? null,
        d.bindUser.trim(),
        d.baseDn ?? null,
        d.container.trim(),
        d.disabledContainer ?? null,
      ]);

/**
 * The tenant as it would be saved, without storing anything, and the credential to test it with:
 * the typed one, or the stored one when the rules allow it.
 */
function draftOf(
  caller: Caller,
  patch: Static<typeof TenantPatchBody> | Body,
  before: Tenant | null,
  deps: ApiDeps,
): { tenant: Tenant; material: CredentialMaterial | 'stored' } {
  const body = withWholeDirectory(patch, before);
  checkCredentialFields(body);
  const authorityHost = body.authorityHost ?? before?.authorityHost ?? DEFAULT_AUTHORITY_HOST;
  const graphBaseUrl = body.graphBaseUrl ?? before?.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL;
  // Both refuse a changed endpoint whose stored secret was not typed again, before anything is sent.
  checkEndpoints(deps.endpointPolicy, body, before, authorityHost, graphBaseUrl);
  const type = body.type ?? before?.type ?? 'cloud';
  checkDirectory(type, body, before, deps.endpointPolicy);
  const now = new Date(0).toISOString();
  const base: Tenant = {
    id: before?.id ?? 'unsaved',
    organisationId: caller.organisationId,
    customerId: before?.customerId ?? 'unsaved',
    name: body.name ?? before?.name ?? 'new tenant',
    type,
    directoryId: (body.directoryId ?? before?.directoryId ?? '').trim(),
    verifiedDomains: body.verifiedDomains ?? before?.verifiedDomains ?? [],
    clientId: body.clientId?.trim() ?? before?.clientId ?? null,
    credential: before?.credential ?? null,
    authorityHost,
    graphBaseUrl,
    directory: type === 'hybrid' ? (before?.directory ?? null) : null,
    directoryViaAgents: type === 'hybrid' && (before?.directoryViaAgents ?? false),
    subscriptionActive: body.subscriptionActive ?? before?.subscriptionActive ?? false,
    credentialStatus: 'untested',
    credentialMessage: null,
    credentialTestedAt: null,
    createdAt: before?.createdAt ?? now,
    updatedAt: before?.updatedAt ?? now,
  };

  if (type === 'cloud') {
    const problems: ErrorDetail[] = [];
    if (!base.directoryId)
      problems.push({ path: '/directoryId', message: 'enter the directory (tenant) id' });
    if (!base.clientId) problems.push({ path: '/clientId', message: 'enter the application (client) id' });
    if (body.clientSecret !== undefined) {
      return problems.length > 0
        ? refuse(problems)
        : {
            tenant: { ...base, credential: { type: 'secret', secretId: TYPED } },
            material: { clientSecret: body.clientSecret },
          };
    }
    if (body.certificate !== undefined && body.privateKey !== undefined) {
      return problems.length > 0
        ? refuse(problems)
        : {
            tenant: {
              ...base,
              credential: { type: 'certificate', certificateId: TYPED, privateKeyId: TYPED },
            },
            material: { certificatePem: body.certificate, privateKeyPem: body.privateKey },
          };
    }
    if (base.credential === null) {
      problems.push({
        path: '/clientSecret',
        message: 'enter the client secret (or certificate and private key)',
      });
    }
    // checkEndpoints let this through only because the hosts are the ones the secret was saved for.
    return problems.length > 0 ? refuse(problems) : { tenant: base, material: 'stored' };
  }

  // Hybrid: the directory test. Behind agents the agents hold the bind password and test saved settings.
  if (base.directoryViaAgents) {
    if (body.directory !== undefined && directoryShape(body.directory) !== directoryShape(base.directory)) {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        'This tenant reaches its directory through agents, which test only saved directory settings: save the changes, then test.',
      );
    }
    return { tenant: base, material: 'stored' };
  }
  const d = body.directory;
  if (d === undefined) {
    if (base.directory === null) refuse([{ path: '/directory', message: 'enter the directory settings' }]);
    return { tenant: base, material: 'stored' };
  }
  const directory: TenantDirectory = {
    urls: [...d.urls],
    caCertificate: d.caCertificate ?? null,
    tlsServerName: d.tlsServerName ?? null,
    bindUser: d.bindUser.trim(),
    // checkDirectory required the password unless the controllers are the ones it was saved for.
    bindPasswordSecretId:
      d.bindPassword !== undefined ? TYPED : (before?.directory?.bindPasswordSecretId ?? null),
    baseDn: d.baseDn ?? null,
    container: d.container.trim(),
    disabledContainer: d.disabledContainer ?? null,
    upnSuffixes: [...new Set((d.upnSuffixes ?? []).map((s) => s.toLowerCase()))],
    mustChangePassword: d.mustChangePassword ?? true,
  };
  return {
    tenant: { ...base, directory },
    material: d.bindPassword !== undefined ? { bindPassword: d.bindPassword } : 'stored',
  };
}

async function runTest(
  store: Store,
  caller: Caller,
  deps: ApiDeps,
  tenant: Tenant,
  material: CredentialMaterial | 'stored',
): Promise<UnsavedTestResult> {
  const target = tenantTargetConfig(tenant);
  if (target === null) {
    refuse([{ path: '/clientSecret', message: 'enter the app registration’s credential' }]);
  }
  try {
    const connector = reachedThroughAgents(tenant)
      ? agentTarget(store, tenant, target, deps.agentTimings)
      : deps.connectors.target(
          target,
          material === 'stored' ? await resolveCredential(store, caller.organisationId, target) : material,
        );
    try {
      const outcome = await connector.test();
      const checks = (outcome.details as { checks?: CheckList } | undefined)?.checks;
      return { ok: outcome.ok, message: outcome.message, ...(checks ? { checks: [...checks] } : {}) };
    } finally {
      await (connector as { close?: () => Promise<void> }).close?.();
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export async function unsavedTenantTestRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(
    app,
    testUnsavedTenantCredentials,
    async ({ caller, store, deps, params, body, audit, about }) => {
      const before = await loadTenant(store, caller, params.id);
      about({ tenantId: before.id });
      const draft = draftOf(caller, body, before, deps);
      const result = await runTest(store, caller, deps, draft.tenant, draft.material);
      await audit('tenant.credentials-tested', {
        tenantId: before.id,
        outcome: result.ok ? 'success' : 'failure',
        message: `unsaved settings of "${before.name}" tested: ${result.message}`,
        details: { unsaved: true, changed: Object.keys(body).filter((k) => !SECRET_FIELDS.has(k)) },
      });
      return result;
    },
  );

  registerEndpoint(app, testNewTenantCredentials, async ({ caller, store, deps, body, audit }) => {
    const draft = draftOf(caller, body, null, deps);
    const result = await runTest(store, caller, deps, draft.tenant, draft.material);
    await audit('tenant.credentials-tested', {
      outcome: result.ok ? 'success' : 'failure',
      message: `settings of a tenant not registered yet${body.name ? ` ("${body.name}")` : ''} tested: ${result.message}`,
      details: { unsaved: true, directoryId: draft.tenant.directoryId },
    });
    return result;
  });
}

const SECRET_FIELDS = new Set(['clientSecret', 'certificate', 'privateKey']);
