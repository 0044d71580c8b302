import type { FastifyInstance } from 'fastify';
import { getSchedule, previewSchedule, removeSchedule, setSchedule } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { localLabel, nextRunAt, nextRuns, type ScheduleSpec, validateSchedule } from '../../jobs/schedule.ts';
import type { Connection, Store } from '../../store/index.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { assertActivatable, assertOperation } from '../connections/lifecycle.ts';
import { loadConnection } from '../connections/load.ts';
import { connectionDetails } from '../dto/connections.ts';
import { registerEndpoint } from '../route.ts';

const zoneOf = (c: Connection): string => c.config.timeZone ?? DEFAULT_TIME_ZONE;

async function scheduleState(store: Store, connection: Connection) {
  return {
    schedule: connection.schedule,
    timeZone: zoneOf(connection),
    nextRunAt: connection.nextRunAt,
    connection: await connectionDetails(store, connection),
  };
}

function checkSpec(spec: ScheduleSpec, timeZone: string): void {
  const errors = validateSchedule(spec, timeZone);
  if (errors.length > 0) {
    throw new HrsyncError(
      'HRS_VALIDATION',
      `The schedule is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      {
        details: errors,
      },
    );
  }
}

export async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, getSchedule, async ({ caller, store, params }) =>
    scheduleState(store, await loadConnection(store, caller, params.id)),
  );

  registerEndpoint(app, setSchedule, async ({ caller, store, params, body, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      assertOperation('setSchedule', connection);
      const spec: ScheduleSpec = { start: body.start, every: body.every, unit: body.unit };
      checkSpec(spec, zoneOf(connection));
      const activating = body.activate === true && connection.state !== 'active';
      if (activating) {
        const tenant =
          connection.tenantId === null
            ? null
            : await tx.tenants.get(caller.organisationId, connection.tenantId);
        await assertActivatable(tx, connection, tenant);
      }
      const active = activating || connection.state === 'active';
      const next = active ? nextRunAt(spec, zoneOf(connection), tx.clock.now()) : null;
      const updated =
        (await tx.connections.update(caller.organisationId, connection.id, {
          schedule: spec,
          nextRunAt: next,
          ...(activating ? { state: 'active' as const, progress: 5 } : {}),
        })) ?? connection;
      const base = {
        connectionId: connection.id,
        connectionName: connection.name,
        tenantId: connection.tenantId,
      };
      await audit(
        'connection.schedule-changed',
        {
          ...base,
          message: `schedule set: every ${spec.every} ${spec.unit} from ${spec.start} (${zoneOf(connection)})${next ? `; next sync ${next}` : ''}`,
          details: {
            schedule: { old: connection.schedule, new: spec },
            nextRunAt: next,
            timeZone: zoneOf(connection),
          },
        },
        tx,
      );
      if (activating) {
        await audit(
          'connection.state-changed',
          {
            ...base,
            message: `connection "${connection.name}" activated with its schedule`,
            details: { state: { old: connection.state, new: 'active' } },
          },
          tx,
        );
      }
      return scheduleState(tx, updated);
    }),
  );

  registerEndpoint(app, removeSchedule, async ({ caller, store, params, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name });
      const updated =
        (await tx.connections.update(caller.organisationId, connection.id, {
          schedule: null,
          nextRunAt: null,
        })) ?? connection;
      await audit(
        'connection.schedule-changed',
        {
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
          message: 'schedule removed; syncs run only when started by hand',
          details: { schedule: { old: connection.schedule, new: null } },
        },
        tx,
      );
      return scheduleState(tx, updated);
    }),
  );

  registerEndpoint(app, previewSchedule, async ({ caller, store, params, query, deps }) => {
    const connection = await loadConnection(store, caller, params.id);
    const given = [query.start, query.every, query.unit].filter((v) => v !== undefined).length;
    if (given > 0 && given < 3) {
      throw new HrsyncError('HRS_VALIDATION', 'Give start, every and unit together to preview a schedule.');
    }
    const spec: ScheduleSpec | null =
      query.start !== undefined && query.every !== undefined && query.unit !== undefined
        ? { start: query.start, every: query.every, unit: query.unit }
        : connection.schedule;
    if (spec === null) {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Connection "${connection.name}" has no schedule; pass start, every and unit to preview one.`,
      );
    }
    checkSpec(spec, zoneOf(connection));
    const times = nextRuns(spec, zoneOf(connection), deps.clock.now(), query.count ?? 5);
    return {
      timeZone: zoneOf(connection),
      times: times.map((t) => ({ at: t.toUTC().toISO() ?? '', local: localLabel(t) })),
    };
  });
}
