import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { seededUserProblem } from '../../demo-data/dataset-check.ts';
import type { GraphUserRecord } from '../../demo-data/types.ts';
import type { UserEntity } from '../directory/entities.ts';
import type { GraphEmulatorState } from '../emulator-state.ts';
import { type FaultSettings, faultSettingsProblem } from '../faults.ts';

/**
 * Test and benchmark controls under `/__admin` (no auth: the emulator only listens locally):
 * state dump, request counts, faults, reset, and seeding users without Graph's validation.
 */
export async function adminRoutes(app: FastifyInstance, state: GraphEmulatorState): Promise<void> {
  app.get('/__admin/state', async (request) => {
    const { users } = request.query as { users?: string };
    const snapshot = state.directory.snapshot();
    const summary = {
      tenant: { id: snapshot.tenantId, displayName: snapshot.displayName, domains: snapshot.domains },
      apps: [...state.apps.values()].map((a) => ({
        clientId: a.clientId,
        permissions: a.permissions,
        certificates: a.certificates.map((c) => ({ x5t: c.x5t, 'x5t#S256': c.x5tS256 })),
      })),
      counts: {
        users: state.directory.userCount,
        deletedUsers: state.directory.deletedCount,
        groups: snapshot.groups.length,
      },
      throttling: state.throttle.describe(state.directory.userCount),
      faults: state.faults.state(),
      requests: state.requests.counts(),
    };
    if (users === 'false') return summary;
    return {
      ...summary,
      users: snapshot.users,
      deletedUsers: snapshot.deletedUsers,
      groups: snapshot.groups,
      subscribedSkus: snapshot.subscribedSkus,
    };
  });

  app.get('/__admin/throttling', async () => state.throttle.describe(state.directory.userCount));

  app.get('/__admin/requests', async () => state.requests.counts());
  app.delete('/__admin/requests', async (_request, reply) => {
    state.requests.reset();
    return reply.code(204).send();
  });

  app.get('/__admin/faults', async () => state.faults.state());
  app.post('/__admin/faults', async (request, reply) => {
    const problem = faultSettingsProblem(request.body ?? {});
    if (problem !== undefined) return reply.code(400).send({ error: problem });
    try {
      state.faults.apply((request.body ?? {}) as FaultSettings);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return state.faults.state();
  });
  app.delete('/__admin/faults', async () => {
    state.faults.clear();
    return state.faults.state();
  });

  app.post('/__admin/reset', async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });

  app.post('/__admin/users', async (request, reply) => {
    const body = request.body as { users?: unknown } | unknown[] | undefined;
    const list = Array.isArray(body) ? body : body?.users;
    if (!Array.isArray(list))
      return reply.code(400).send({ error: 'Send {"users": [...]} or an array of users.' });
    // Checked as a dataset's users are, all before any is seeded: a user whose mail is 5 was seeded
    // and broke later reads.
    for (const [i, raw] of list.entries()) {
      const problem = seededUserProblem(raw, `users[${i}]`);
      if (problem !== undefined) return reply.code(400).send({ error: problem, seeded: 0 });
    }
    const seeded: UserEntity[] = [];
    for (const raw of list as Partial<GraphUserRecord>[]) {
      const user = seedUser(raw);
      const conflict = state.directory.conflict(user);
      if (conflict || state.directory.activeUser(user.id) || state.directory.findDeleted(user.id)) {
        return reply.code(409).send({
          error: `User ${user.userPrincipalName} conflicts on ${conflict?.property ?? 'id'} with ${conflict?.id ?? user.id}.`,
          seeded: seeded.length,
        });
      }
      state.directory.addUser(user);
      seeded.push(user);
    }
    return reply
      .code(201)
      .send({ users: seeded.map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName })) });
  });
}

function seedUser(raw: Partial<GraphUserRecord>): UserEntity {
  const upn = raw.userPrincipalName!;
  const local = upn.split('@')[0]!;
  return {
    ...structuredClone(raw),
    id: (raw.id ?? randomUUID()).toLowerCase(),
    userPrincipalName: upn,
    displayName: raw.displayName ?? local,
    mailNickname: raw.mailNickname ?? local,
    accountEnabled: raw.accountEnabled ?? true,
    proxyAddresses: raw.proxyAddresses ?? (raw.mail ? [`SMTP:${raw.mail}`] : []),
  } as UserEntity;
}
