import type { FastifyInstance } from 'fastify';
import {
  type BodyOf,
  getConfiguration,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
} from '../../contracts/index.ts';
import {
  endpointProblem,
  HrsyncError,
  lowerCaseSchemeAndHost,
  plural,
  type SourceConfig,
  sameEndpoint,
  secretRebindProblem,
} from '../../core/index.ts';
import { afasBaseUrl } from '../../sources/afas/index.ts';
import type { Connection, Store, StoredConfig, Tenant } from '../../store/index.ts';
import type { AuditFields } from '../audit.ts';
import type { Caller } from '../auth/caller.ts';
import { loadConnection, loadTenant, requireActiveSubscription } from '../connections/load.ts';
import {
  assertPatternsSafe,
  mappingPatterns,
  type PatternAt,
  scopePatterns,
} from '../connections/pattern-check.ts';
import { assertStepOpen, type StepChange, type StepSaved, saveStep } from '../connections/save-step.ts';
import type { ConfigStep } from '../connections/validate-step.ts';
import type { ApiDeps } from '../deps.ts';
import { toConfigurationDto } from '../dto/configuration.ts';
import { connectionDetails } from '../dto/connections.ts';
import { registerEndpoint } from '../route.ts';

type Audit = (
  action: 'connection.step-saved' | 'connection.state-changed',
  fields: AuditFields,
  via?: Store,
) => Promise<void>;

const STEP_TITLES: Readonly<Record<ConfigStep, string>> = {
  1: 'source',
  2: 'destination',
  3: 'mapping and matching',
  4: 'scope and lifecycle',
};

export async function tenantOf(store: Store, connection: Connection): Promise<Tenant | null> {
  return connection.tenantId === null
    ? null
    : store.tenants.get(connection.organisationId, connection.tenantId);
}

/** Saves one step inside a transaction holding the connection's row, and audits what changed. */
async function saveAndAudit(
  store: Store,
  caller: Caller,
  id: string,
  step: ConfigStep,
  audit: Audit,
  about: (s: { connectionId: string; connectionName: string }) => void,
  change: (
    tx: Store,
    connection: Connection,
  ) => Promise<StepChange & { tenant?: Tenant; after?: () => Promise<void> }>,
) {
  return store.transaction(async (tx) => {
    const connection = await loadConnection(tx, caller, id, true);
    about({ connectionId: connection.id, connectionName: connection.name });
    assertStepOpen(connection, step);
    const { tenant, after, ...stepChange } = await change(tx, connection);
    const saved: StepSaved = await saveStep(
      tx,
      connection,
      step,
      stepChange,
      tenant ?? (await tenantOf(tx, connection)),
    );
    await after?.();
    const base = {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: saved.connection.tenantId,
    };
    await audit(
      'connection.step-saved',
      {
        ...base,
        message:
          saved.changed.length === 0
            ? `step ${step} (${STEP_TITLES[step]}) confirmed unchanged`
            : `step ${step} (${STEP_TITLES[step]}) saved: ${saved.changed.join(', ')}`,
        details: {
          step,
          changed: saved.changed,
          progress: { old: connection.progress, new: saved.connection.progress },
        },
      },
      tx,
    );
    if (saved.stateBefore !== saved.stateAfter) {
      await audit(
        'connection.state-changed',
        {
          ...base,
          message: `connection "${connection.name}" moved from ${saved.stateBefore} to ${saved.stateAfter}: step ${step} changed`,
          details: { state: { old: saved.stateBefore, new: saved.stateAfter } },
        },
        tx,
      );
    }
    const message =
      saved.changed.length > 0 && saved.connection.progress < connection.progress
        ? `Saved. Steps after step ${step} must be confirmed again.`
        : 'Saved.';
    return {
      connection: await connectionDetails(tx, saved.connection),
      changed: [...saved.changed],
      message,
    };
  });
}

/**
 * Step 1's AFAS environment: an official AFAS host (or one the server allows), changed only by an
 * admin, and never without the token entered again — else "Test connection" would send the stored
 * token to wherever the new URL points.
 */
export function checkSourceEndpoint(
  caller: Caller,
  existing: SourceConfig | undefined,
  environment: SourceConfig['environment'],
  secretStored: boolean,
  secretEntered: boolean,
  deps: ApiDeps,
): void {
  const url = (e: SourceConfig['environment']) =>
    afasBaseUrl('baseUrl' in e ? e : { number: e.number, kind: e.kind ?? 'production' });
  const changed = existing !== undefined && !sameEndpoint(url(existing.environment), url(environment));
  if ('baseUrl' in environment && (existing === undefined || changed)) {
    const problem = endpointProblem('afas', environment.baseUrl, deps.endpointPolicy);
    if (problem) {
      throw new HrsyncError('HRS_CONFIG_INVALID', `Step 1 has 1 problem: /environment/baseUrl ${problem}`, {
        details: [{ path: '/environment/baseUrl', message: problem }],
      });
    }
  }
  if (changed && caller.role !== 'admin') {
    throw new HrsyncError(
      'HRS_FORBIDDEN',
      `Only an admin may change the AFAS environment of a connection (your role is ${caller.role}).`,
    );
  }
  const rebind = secretRebindProblem({
    endpointChanged: changed,
    secretStored,
    secretEntered,
    secretName: 'the App Connector token',
  });
  if (rebind) {
    throw new HrsyncError('HRS_CONFIG_INVALID', `Step 1 has 1 problem: /token ${rebind}`, {
      details: [{ path: '/token', message: rebind }],
    });
  }
}

/** Step 3's body as the sections it saves (a preview uses the same). */
export function mappingSections(body: BodyOf<typeof saveMappingStep>): Partial<StoredConfig> {
  return {
    mapping: body.mapping,
    matching: body.matching,
    uniqueness: body.uniqueness,
    ...(body.writeBack === undefined ? {} : { writeBack: body.writeBack }),
    ...(body.entitlements === undefined ? {} : { entitlements: body.entitlements }),
  } as Partial<StoredConfig>;
}

/** Step 4's body as the sections it saves (a preview uses the same). */
export function scopeSections(body: BodyOf<typeof saveScopeStep>): Partial<StoredConfig> {
  return {
    scope: body.scope,
    ...(body.persons === undefined ? {} : { persons: body.persons }),
    ...(body.lifecycle === undefined ? {} : { lifecycle: body.lifecycle }),
    ...(body.thresholds === undefined ? {} : { thresholds: body.thresholds }),
    ...(body.timeZone === undefined ? {} : { timeZone: body.timeZone }),
  } as Partial<StoredConfig>;
}

/** Analyses a step's regular expressions before the transaction (the analyser may take a moment). */
export async function checkPatterns(
  store: Store,
  caller: Caller,
  id: string,
  about: (s: { connectionId: string; connectionName: string }) => void,
  patterns: readonly PatternAt[],
): Promise<void> {
  if (patterns.length === 0) return;
  const connection = await loadConnection(store, caller, id);
  about({ connectionId: connection.id, connectionName: connection.name });
  await assertPatternsSafe(patterns);
}

export async function configurationRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, getConfiguration, async ({ caller, store, params }) => {
    const connection = await loadConnection(store, caller, params.id);
    return toConfigurationDto(connection, await tenantOf(store, connection));
  });

  registerEndpoint(app, saveSourceStep, async ({ caller, store, deps, params, body, audit, about }) =>
    saveAndAudit(store, caller, params.id, 1, audit, about, async (tx, connection) => {
      const existing = connection.config.source;
      const stored =
        existing?.token !== undefined && 'stored' in existing.token ? existing.token.stored : null;
      checkSourceEndpoint(
        caller,
        existing,
        body.environment,
        stored !== null,
        body.token !== undefined,
        deps,
      );
      let token = existing?.token;
      const secretsChanged: string[] = [];
      let replaced: string | null = null;
      if (body.token !== undefined) {
        const same =
          stored !== null && (await tx.secrets.reveal(caller.organisationId, stored)) === body.token;
        if (!same) {
          token = { stored: await tx.secrets.put(caller.organisationId, body.token) };
          secretsChanged.push('/source/token');
          replaced = stored;
        }
      }
      if (token === undefined) {
        throw new HrsyncError(
          'HRS_CONFIG_INVALID',
          'Step 1 has 1 problem: /token enter the App Connector token',
          {
            details: [
              {
                path: '/token',
                message: 'enter the App Connector token; none is stored for this connection',
              },
            ],
          },
        );
      }
      const source = {
        type: 'afas-profit',
        // Scheme and host are case-insensitive (RFC 3986): stored in lower case.
        environment:
          'baseUrl' in body.environment
            ? { baseUrl: lowerCaseSchemeAndHost(body.environment.baseUrl) }
            : body.environment,
        token,
        ...(body.connectors === undefined ? {} : { connectors: body.connectors }),
        ...(body.pageSize === undefined ? {} : { pageSize: body.pageSize }),
        ...(body.parallel === undefined ? {} : { parallel: body.parallel }),
      } as SourceConfig;
      return {
        sections: { source },
        secretsChanged,
        after: async () => {
          if (replaced !== null) await tx.secrets.delete(caller.organisationId, [replaced]);
        },
      };
    }),
  );

  registerEndpoint(app, saveDestinationStep, async ({ caller, store, params, body, audit, about }) =>
    saveAndAudit(store, caller, params.id, 2, audit, about, async (tx, connection) => {
      const tenant = await loadTenant(tx, caller, body.tenantId);
      requireActiveSubscription(tenant);
      const problems = [];
      if (tenant.type !== connection.destinationType) {
        problems.push({
          path: '/tenantId',
          message: `tenant "${tenant.name}" is ${tenant.type}; this connection needs a ${connection.destinationType} tenant`,
        });
      } else if (tenant.type === 'hybrid' && tenant.directory === null) {
        problems.push({
          path: '/tenantId',
          message: `tenant "${tenant.name}" has no directory settings yet (domain controllers, bind account, container); an admin adds them on the tenant`,
        });
      }
      // A hybrid account's UPN suffix must be one of the forest's; a cloud account's a verified domain.
      const suffixes =
        tenant.type === 'hybrid' && (tenant.directory?.upnSuffixes.length ?? 0) > 0
          ? (tenant.directory?.upnSuffixes ?? [])
          : tenant.verifiedDomains;
      if (!suffixes.includes(body.defaultDomain.toLowerCase())) {
        problems.push({
          path: '/defaultDomain',
          message:
            tenant.type === 'hybrid'
              ? `"${body.defaultDomain}" is not one of the directory's UPN suffixes (${suffixes.join(', ')})`
              : `"${body.defaultDomain}" is not a verified domain of the tenant (${tenant.verifiedDomains.join(', ')})`,
        });
      }
      if (problems.length > 0) {
        throw new HrsyncError(
          'HRS_CONFIG_INVALID',
          `Step 2 has ${plural(problems.length, 'problem')}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
          { details: problems },
        );
      }
      return {
        sections: { destination: { defaultDomain: body.defaultDomain.toLowerCase() } },
        tenantId: tenant.id,
        tenant,
      };
    }),
  );

  registerEndpoint(app, saveMappingStep, async ({ caller, store, params, body, audit, about }) => {
    await checkPatterns(
      store,
      caller,
      params.id,
      about,
      mappingPatterns(body.mapping, body.uniqueness?.candidates),
    );
    return saveAndAudit(store, caller, params.id, 3, audit, about, async () => ({
      sections: mappingSections(body),
    }));
  });

  registerEndpoint(app, saveScopeStep, async ({ caller, store, params, body, audit, about }) => {
    await checkPatterns(store, caller, params.id, about, scopePatterns(body.scope));
    return saveAndAudit(store, caller, params.id, 4, audit, about, async () => ({
      sections: scopeSections(body),
    }));
  });
}
