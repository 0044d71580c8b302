import type { FastifyInstance } from 'fastify';
import { getOrganisation, updateOrganisation } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Organisation } from '../../store/index.ts';
import { registerEndpoint } from '../route.ts';

const toDto = (o: Organisation) => ({
  id: o.id,
  name: o.name,
  timeZone: o.timeZone,
  createdAt: o.createdAt,
  requireAdminSecondFactor: o.requireAdminSecondFactor,
});

/** Whether the runtime knows the zone (Intl throws a RangeError for an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function organisationRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, getOrganisation, async ({ caller, store }) => {
    const organisation = await store.organisations.get(caller.organisationId);
    if (!organisation) throw new HrsyncError('HRS_NOT_FOUND', 'Your organisation no longer exists.');
    return toDto(organisation);
  });

  registerEndpoint(app, updateOrganisation, async ({ caller, store, body, audit }) => {
    const before = await store.organisations.get(caller.organisationId);
    if (!before) throw new HrsyncError('HRS_NOT_FOUND', 'Your organisation no longer exists.');
    if (body.timeZone !== undefined && !isTimeZone(body.timeZone)) {
      throw new HrsyncError(
        'HRS_VALIDATION',
        `"${body.timeZone}" is not a time zone; use an IANA name such as Europe/Amsterdam.`,
      );
    }
    const name = body.name?.trim();
    const after = await store.organisations.update(caller.organisationId, {
      ...(name === undefined ? {} : { name }),
      ...(body.timeZone === undefined ? {} : { timeZone: body.timeZone }),
      ...(body.requireAdminSecondFactor === undefined
        ? {}
        : { requireAdminSecondFactor: body.requireAdminSecondFactor }),
    });
    if (!after) throw new HrsyncError('HRS_NOT_FOUND', 'Your organisation no longer exists.');
    const changes = Object.fromEntries(
      (['name', 'timeZone', 'requireAdminSecondFactor'] as const)
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { old: before[k], new: after[k] }]),
    );
    await audit('organisation.updated', {
      message: `organisation settings changed (${Object.keys(changes).join(', ') || 'no change'})`,
      details: changes,
    });
    return toDto(after);
  });
}
