/**
 * Overrides of the match stage and the quarantine of a connection (issue 11, items 5 and 2): listed
 * for viewers, changed by operators, every change audited. An override or a release also ends the
 * person's quarantine — the operator changed something, so the next run sends them again.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type AccountSummaryDto,
  addOverride,
  getMatchCandidates,
  listOverrides,
  listQuarantine,
  type OverrideDto,
  type QuarantineDto,
  releaseQuarantine,
  removeOverride,
} from '../../contracts/index.ts';
import { HrsyncError, type MatchOverride, type QuarantineEntry } from '../../core/index.ts';
import type { Store } from '../../store/index.ts';
import type { AccountSummary } from '../../store/repositories/overrides.ts';
import { type ActorNamer, actorNamer } from '../actor-names.ts';
import { loadConnection } from '../connections/load.ts';
import { registerEndpoint } from '../route.ts';

type AccountDto = Static<typeof AccountSummaryDto>;

const KIND_WORDS = {
  link: 'link to account',
  exclude: 'exclude',
  'never-match': 'never match account',
} as const satisfies Record<MatchOverride['kind'], string>;

export function describeOverride(o: Pick<MatchOverride, 'kind' | 'employeeNumber' | 'accountId'>): string {
  return o.kind === 'exclude'
    ? `exclude employee ${o.employeeNumber}`
    : `${KIND_WORDS[o.kind]} ${o.accountId} for employee ${o.employeeNumber}`;
}

async function overrideDtos(
  store: Store,
  connectionId: string,
  list: readonly MatchOverride[],
  named: ActorNamer,
): Promise<Static<typeof OverrideDto>[]> {
  const accounts = await store.overrides.accounts(
    connectionId,
    list.flatMap((o) => (o.accountId === null ? [] : [o.accountId])),
  );
  const names = await store.overrides.personNames(
    connectionId,
    list.map((o) => o.employeeNumber),
  );
  return list.map((o) => ({
    id: o.id,
    kind: o.kind,
    employeeNumber: o.employeeNumber,
    personName: names.get(o.employeeNumber) ?? null,
    accountId: o.accountId,
    account: o.accountId === null ? null : accountDto(accounts.get(o.accountId)),
    reason: o.reason,
    createdAt: o.createdAt,
    createdBy: o.createdBy,
    createdByName: named({ name: o.createdBy }),
  }));
}

const accountDto = (a: AccountSummary | undefined): AccountDto | null => (a ? { ...a } : null);

async function quarantineDtos(
  store: Store,
  connectionId: string,
  list: readonly QuarantineEntry[],
): Promise<Static<typeof QuarantineDto>[]> {
  const accounts = await store.overrides.accounts(
    connectionId,
    list.flatMap((q) => (q.accountId === null ? [] : [q.accountId])),
  );
  return list.map((q) => ({
    employeeNumber: q.employeeNumber,
    displayName: q.displayName,
    accountId: q.accountId,
    account: q.accountId === null ? null : accountDto(accounts.get(q.accountId)),
    since: q.since,
    code: q.code,
    message: q.message,
  }));
}

export async function overrideRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listOverrides, async ({ caller, store, params }) => {
    const connection = await loadConnection(store, caller, params.id);
    const list = await store.overrides.list(connection.id);
    const named = await actorNamer(store, caller.organisationId);
    return { overrides: await overrideDtos(store, connection.id, list, named) };
  });

  registerEndpoint(app, addOverride, async ({ caller, store, params, body, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      const employeeNumber = body.employeeNumber.trim();
      const reason = body.reason?.trim() ? body.reason.trim() : null;
      const accountId = body.accountId ?? null;
      if (body.kind === 'exclude' && accountId !== null)
        throw new HrsyncError(
          'HRS_VALIDATION',
          'An "exclude" override names no account; leave out accountId.',
          {
            details: [{ path: '/accountId', message: 'must be absent for exclude' }],
          },
        );
      if (body.kind !== 'exclude' && accountId === null)
        throw new HrsyncError(
          'HRS_VALIDATION',
          `A "${body.kind}" override needs the account: give accountId.`,
          {
            details: [{ path: '/accountId', message: `required for ${body.kind}` }],
          },
        );
      const existing = await tx.overrides.list(connection.id);
      const named = await actorNamer(tx, caller.organisationId);
      const same = existing.find(
        (o) => o.kind === body.kind && o.employeeNumber === employeeNumber && o.accountId === accountId,
      );
      if (same)
        throw new HrsyncError(
          'HRS_CONFLICT',
          `That override already exists (${describeOverride(same)}, added by ${named({ name: same.createdBy })}).`,
        );
      if (body.kind === 'link' && accountId !== null) {
        const known = await tx.overrides.accounts(connection.id, [accountId]);
        if (!known.has(accountId))
          throw new HrsyncError(
            'HRS_VALIDATION',
            `Account ${accountId} is not in the tenant as the latest run read it; run a simulation and pick one of the accounts it shows.`,
            { details: [{ path: '/accountId', message: 'not in the tenant as last read' }] },
          );
        const claimed = existing.find(
          (o) => o.kind === 'link' && o.accountId === accountId && o.employeeNumber !== employeeNumber,
        );
        if (claimed)
          throw new HrsyncError(
            'HRS_CONFLICT',
            `Account ${accountId} is already linked to employee ${claimed.employeeNumber} by an override; remove that override first.`,
          );
      }
      // An override replaces the ones of the same person it contradicts.
      const replaced = existing.filter(
        (o) =>
          o.employeeNumber === employeeNumber &&
          ((body.kind === 'link' && o.kind === 'link') ||
            (body.kind === 'link' && o.kind === 'never-match' && o.accountId === accountId) ||
            (body.kind === 'never-match' && o.kind === 'link' && o.accountId === accountId)),
      );
      for (const o of replaced) await tx.overrides.remove(connection.id, o.id);
      const added = await tx.overrides.add(connection.id, {
        kind: body.kind,
        employeeNumber,
        accountId,
        reason,
        createdBy: caller.actor.name,
      });
      const released = await tx.overrides.release(connection.id, employeeNumber);
      await audit(
        'connection.override-added',
        {
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
          person: employeeNumber,
          message: `override added: ${describeOverride(added)}${reason ? ` (${reason})` : ''}${
            replaced.length > 0 ? `; replaces ${replaced.map(describeOverride).join(', ')}` : ''
          }${released.length > 0 ? '; released from quarantine' : ''}`,
          details: {
            override: { id: added.id, kind: added.kind, employeeNumber, accountId, reason },
            replaced: replaced.map((o) => ({ id: o.id, kind: o.kind, accountId: o.accountId })),
            releasedFromQuarantine: released.length > 0,
          },
        },
        tx,
      );
      const [dto] = await overrideDtos(tx, connection.id, [added], named);
      return {
        override: dto as Static<typeof OverrideDto>,
        replaced: await overrideDtos(tx, connection.id, replaced, named),
        released: released.length > 0,
      };
    }),
  );

  registerEndpoint(app, removeOverride, async ({ caller, store, params, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      const removed = await tx.overrides.remove(connection.id, params.overrideId);
      if (!removed)
        throw new HrsyncError(
          'HRS_NOT_FOUND',
          `Override ${params.overrideId} was not found on connection "${connection.name}".`,
        );
      const released = await tx.overrides.release(connection.id, removed.employeeNumber);
      await audit(
        'connection.override-removed',
        {
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
          person: removed.employeeNumber,
          message: `override removed: ${describeOverride(removed)} (added by ${removed.createdBy})${
            released.length > 0 ? '; released from quarantine' : ''
          }`,
          details: {
            override: {
              id: removed.id,
              kind: removed.kind,
              employeeNumber: removed.employeeNumber,
              accountId: removed.accountId,
              reason: removed.reason,
            },
            releasedFromQuarantine: released.length > 0,
          },
        },
        tx,
      );
      const [dto] = await overrideDtos(
        tx,
        connection.id,
        [removed],
        await actorNamer(tx, caller.organisationId),
      );
      return dto as Static<typeof OverrideDto>;
    }),
  );

  registerEndpoint(app, listQuarantine, async ({ caller, store, params }) => {
    const connection = await loadConnection(store, caller, params.id);
    return {
      persons: await quarantineDtos(store, connection.id, await store.overrides.quarantine(connection.id)),
    };
  });

  registerEndpoint(app, releaseQuarantine, async ({ caller, store, params, body, audit, about }) =>
    store.transaction(async (tx) => {
      const connection = await loadConnection(tx, caller, params.id, true);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      const employeeNumber = body.employeeNumber?.trim();
      const released = await tx.overrides.release(connection.id, employeeNumber);
      if (employeeNumber !== undefined && released.length === 0)
        throw new HrsyncError(
          'HRS_NOT_FOUND',
          `Employee ${employeeNumber} is not quarantined on connection "${connection.name}".`,
        );
      await audit(
        'connection.quarantine-released',
        {
          connectionId: connection.id,
          connectionName: connection.name,
          tenantId: connection.tenantId,
          person: employeeNumber ?? null,
          message:
            employeeNumber === undefined
              ? `released ${released.length} quarantined ${released.length === 1 ? 'person' : 'persons'}`
              : `released ${released[0]?.displayName ?? employeeNumber} (${employeeNumber}) from quarantine`,
          details: {
            released: released.map((q) => ({
              employeeNumber: q.employeeNumber,
              since: q.since,
              code: q.code,
            })),
          },
        },
        tx,
      );
      return { released: await quarantineDtos(tx, connection.id, released) };
    }),
  );

  registerEndpoint(app, getMatchCandidates, async ({ caller, store, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const ids = [...new Set(query.ids.split(','))];
    const found = await store.overrides.accounts(connection.id, ids);
    return {
      accounts: ids.flatMap((id) => {
        const a = found.get(id);
        return a ? [{ ...a }] : [];
      }),
      missing: ids.filter((id) => !found.has(id)),
    };
  });
}
