import type { FastifyInstance } from 'fastify';
import {
  activateConnection,
  activateConnectionAnyway,
  copyConnection,
  createConnection,
  deactivateConnection,
  deleteConnection,
  getConnection,
  listConnections,
  previewConnectionWarnings,
  updateConnection,
} from '../../contracts/index.ts';
import { HrsyncError, type TenantType } from '../../core/index.ts';
import { isUniqueViolation, type Store, type StoredConfig, type Tenant } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';
import { activate, assertOperation, deactivate } from '../connections/lifecycle.ts';
import { loadConnection, loadTenant, nameTaken, requireActiveSubscription } from '../connections/load.ts';
import { placementWarning } from '../connections/placement-warning.ts';
import { sameTenantWarning } from '../connections/same-tenant.ts';
import { connectionDetails, toConnectionSummary } from '../dto/connections.ts';
import { type RouteContext, registerEndpoint } from '../route.ts';

async function destinationTenant(
  store: Store,
  caller: Caller,
  tenantId: string,
  type: TenantType,
): Promise<Tenant> {
  const tenant = await loadTenant(store, caller, tenantId);
  requireActiveSubscription(tenant);
  if (tenant.type !== type) {
    throw new HrsyncError(
      'HRS_VALIDATION',
      `Tenant "${tenant.name}" is ${tenant.type}; this connection needs a ${type} tenant.`,
      {
        details: [{ path: '/tenantId', message: `must be a ${type} tenant` }],
      },
    );
  }
  return tenant;
}

/** What a copy keeps: every setting except secrets, and a default domain only if the new tenant has it. */
function copiedConfig(config: StoredConfig, tenant: Tenant): StoredConfig {
  const { source, destination, ...rest } = config;
  const copy: Record<string, unknown> = { ...rest };
  if (source !== undefined) {
    const { token: _secret, ...withoutToken } = source;
    copy.source = withoutToken;
  }
  if (destination !== undefined && tenant.verifiedDomains.includes(destination.defaultDomain.toLowerCase())) {
    copy.destination = destination;
  }
  return copy as StoredConfig;
}

export async function connectionRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listConnections, async ({ caller, store, query }) => {
    const page = await store.connections.list(caller.organisationId, {
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.state === undefined ? {} : { state: query.state }),
      ...(query.tenantId === undefined ? {} : { tenantId: query.tenantId }),
      sort: query.sort ?? 'name',
      descending: query.order === 'desc',
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
    return { ...page, items: page.items.map(toConnectionSummary) };
  });

  registerEndpoint(app, createConnection, async ({ caller, store, body, audit }) => {
    const tenant =
      body.tenantId === undefined
        ? null
        : await destinationTenant(store, caller, body.tenantId, body.destinationType);
    try {
      const connection = await store.connections.create({
        organisationId: caller.organisationId,
        tenantId: tenant?.id ?? null,
        name: body.name.trim(),
        description: body.description ?? '',
        destinationType: body.destinationType,
        config: {},
        progress: 0,
      });
      await audit('connection.created', {
        connectionId: connection.id,
        connectionName: connection.name,
        tenantId: connection.tenantId,
        message: `connection "${connection.name}" created`,
        details: { sourceSystem: connection.sourceSystem, destinationType: connection.destinationType },
      });
      return connectionDetails(store, connection);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken('connection', body.name);
      throw error;
    }
  });

  registerEndpoint(app, copyConnection, async ({ caller, store, params, body, audit, about }) => {
    const original = await loadConnection(store, caller, params.id);
    about({ connectionId: original.id, connectionName: original.name });
    assertOperation('copy', original);
    const tenant = await destinationTenant(store, caller, body.tenantId, original.destinationType);
    try {
      const copy = await store.connections.create({
        organisationId: caller.organisationId,
        tenantId: tenant.id,
        name: body.name.trim(),
        description: body.description ?? original.description,
        destinationType: original.destinationType,
        config: copiedConfig(original.config, tenant),
        // Step 1 needs its token again, so every step is confirmed anew.
        progress: 0,
      });
      await audit('connection.copied', {
        connectionId: copy.id,
        connectionName: copy.name,
        tenantId: tenant.id,
        message: `connection "${copy.name}" copied from "${original.name}"; secrets were not copied`,
        details: { copiedFrom: { id: original.id, name: original.name } },
      });
      return connectionDetails(store, copy);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken('connection', body.name);
      throw error;
    }
  });

  registerEndpoint(app, getConnection, async ({ caller, store, params }) =>
    connectionDetails(store, await loadConnection(store, caller, params.id)),
  );

  // Step 2 warns as soon as a tenant is chosen, from the same rule the saved connection is judged by.
  registerEndpoint(app, previewConnectionWarnings, async ({ caller, store, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const tenant = await loadTenant(store, caller, query.tenantId);
    const warning = await sameTenantWarning(store, caller.organisationId, connection.id, tenant.id);
    return {
      warnings: [warning, placementWarning(connection, tenant)]
        .filter((w) => w !== null)
        .map((w) => ({ ...w, connections: [...w.connections] })),
    };
  });

  registerEndpoint(app, updateConnection, async ({ caller, store, params, body, audit, about }) => {
    const before = await loadConnection(store, caller, params.id);
    about({ connectionId: before.id, connectionName: before.name });
    assertOperation('rename', before);
    const patch = {
      ...(body.name === undefined ? {} : { name: body.name.trim() }),
      ...(body.description === undefined ? {} : { description: body.description }),
    };
    try {
      const updated = await store.connections.update(caller.organisationId, before.id, patch);
      await audit('connection.updated', {
        connectionId: before.id,
        connectionName: updated?.name ?? before.name,
        tenantId: before.tenantId,
        message:
          patch.name !== undefined && patch.name !== before.name
            ? `connection "${before.name}" renamed to "${patch.name}"`
            : `connection "${before.name}" description changed`,
        details: {
          ...(patch.name !== undefined ? { name: { old: before.name, new: patch.name } } : {}),
          ...(patch.description !== undefined
            ? { description: { old: before.description, new: patch.description } }
            : {}),
        },
      });
      return connectionDetails(store, updated ?? before);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken('connection', body.name ?? before.name);
      throw error;
    }
  });

  registerEndpoint(app, deleteConnection, async ({ caller, store, params, audit, about }) => {
    const connection = await loadConnection(store, caller, params.id);
    about({ connectionId: connection.id, connectionName: connection.name });
    assertOperation('delete', connection);
    const open = await store.runs.openForConnection(connection.id);
    if (open?.status === 'running') {
      throw new HrsyncError(
        'HRS_CONFLICT',
        `A ${open.kind} run of "${connection.name}" is running; cancel it (run ${open.id}) before deleting.`,
      );
    }
    const token = connection.config.source?.token;
    await store.connections.delete(caller.organisationId, connection.id);
    if (token !== undefined && 'stored' in token)
      await store.secrets.delete(caller.organisationId, [token.stored]);
    await audit('connection.deleted', {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: connection.tenantId,
      message: `connection "${connection.name}" deleted permanently, with its schedule, runs and links`,
      details: { state: connection.state, schedule: connection.schedule },
    });
    return undefined;
  });

  type ActivateContext = Omit<RouteContext<typeof activateConnection>, 'body'> & { readonly body: unknown };
  const activateWith =
    (anyway: (body: unknown) => { readonly reason: string } | undefined) =>
    async ({ caller, store, params, body, audit, about }: ActivateContext) =>
      store.transaction(async (tx) => {
        const connection = await loadConnection(tx, caller, params.id, true);
        about({
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
        });
        const tenant =
          connection.tenantId === null
            ? null
            : await tx.tenants.get(caller.organisationId, connection.tenantId);
        const reason = anyway(body);
        const {
          connection: updated,
          overridden,
          simulationId,
        } = await activate(tx, connection, tenant, reason);
        const forced = overridden !== null && reason !== undefined;
        await audit(
          'connection.state-changed',
          {
            connectionId: connection.id,
            connectionName: connection.name,
            tenantId: connection.tenantId,
            message: forced
              ? `connection "${connection.name}" activated anyway: ${reason.reason}`
              : `connection "${connection.name}" activated${updated.nextRunAt ? `; next sync ${updated.nextRunAt}` : ''}`,
            details: {
              state: { old: connection.state, new: updated.state },
              nextRunAt: updated.nextRunAt,
              simulationId,
              ...(forced ? { activatedAnyway: { reason: reason.reason, despite: overridden } } : {}),
            },
          },
          tx,
        );
        return connectionDetails(tx, updated);
      });
  registerEndpoint(
    app,
    activateConnection,
    activateWith(() => undefined),
  );
  registerEndpoint(
    app,
    activateConnectionAnyway,
    activateWith((body) => ({ reason: (body as { reason: string }).reason.trim() })),
  );

  registerEndpoint(app, deactivateConnection, async ({ caller, store, params, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      const updated = await deactivate(tx, connection);
      await audit(
        'connection.state-changed',
        {
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
          message: `connection "${connection.name}" deactivated; scheduled syncs stop`,
          details: { state: { old: connection.state, new: updated.state } },
        },
        tx,
      );
      return connectionDetails(tx, updated);
    }),
  );
}
