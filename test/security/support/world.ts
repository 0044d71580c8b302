/**
 * A populated organisation for the fuzz and the access matrix: a customer, a tenant, a connection
 * configured through step 4 with a finished simulation, an API token per role, a hybrid tenant's
 * directory agent and an invitation — and the ids of all of it, so every `:id` of every operation can
 * be filled with a real one of the right kind.
 */
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import {
  createAgentRegistration,
  createApiToken,
  createInvitation,
  type Endpoint,
  pathFor,
  simulate,
} from '../../../src/contracts/index.ts';
import { configuredConnection, createTenantFor } from '../../service/support/fixtures.ts';
import type { Service } from '../../service/support/service.ts';

export interface World {
  /** Real ids of organisation A, by the path segment before the parameter. */
  readonly ids: Readonly<Record<string, string>>;
  readonly bearer: Readonly<Record<'admin' | 'operator' | 'viewer' | 'otherAdmin', string>>;
}

export async function populate(svc: Service): Promise<World> {
  const { customerId, tenantId } = await createTenantFor(svc);
  const { id: connectionId } = await configuredConnection(svc, 4, tenantId);
  const queued = await svc.call(simulate, { as: 'operator', params: { id: connectionId } });
  assert.equal(queued.status, 202, queued.text);
  await svc.drain();
  const token = async (as: 'admin' | 'otherAdmin', role: 'admin' | 'operator' | 'viewer') => {
    const made = await svc.call(createApiToken, { as, body: { name: `fuzz ${as} ${role}`, role } });
    assert.equal(made.status, 201, made.text);
    return { token: made.body.token as string, id: made.body.apiToken.id as string };
  };
  const admin = await token('admin', 'admin');
  const operator = await token('admin', 'operator');
  const viewer = await token('admin', 'viewer');
  const otherAdmin = await token('otherAdmin', 'admin');
  // Real ids of the kinds only an admin makes, so another organisation is tried on them, not on a made-up id.
  const hybrid = await createTenantFor(svc, { type: 'hybrid' });
  const agent = await svc.call(createAgentRegistration, {
    params: { id: hybrid.tenantId },
    body: { name: 'world agent' },
  });
  assert.equal(agent.status, 201, agent.text);
  const invitation = await svc.call(createInvitation, {
    body: { email: 'invited@acme.test', name: 'Invited', role: 'viewer' },
  });
  assert.equal(invitation.status, 201, invitation.text);
  return {
    ids: {
      connections: connectionId,
      tenants: tenantId,
      customers: customerId,
      runs: queued.body.id,
      users: svc.users.viewer.id,
      tokens: viewer.id,
      agents: agent.body.agent.id,
      invitations: invitation.body.invitation.id,
      operations: '00000000-0000-4000-8000-000000000002',
      previews: '00000000-0000-4000-8000-000000000003',
    },
    bearer: {
      admin: admin.token,
      operator: operator.token,
      viewer: viewer.token,
      otherAdmin: otherAdmin.token,
    },
  };
}

/** The real id for each `:param` of a path: the collection named before it decides the kind. */
export function realParams(e: Endpoint, world: World): Record<string, string> {
  const segments = e.path.split('/');
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const collection = name === 'previewId' ? 'previews' : (segments[i - 1] ?? '');
    const kind = collection === 'operation' || collection === 'operations' ? 'operations' : collection;
    params[name] = world.ids[kind] ?? world.ids.connections!;
  });
  return params;
}

export function request(
  e: Endpoint,
  params: Record<string, string>,
  bearer: string | null,
  extra: Partial<InjectOptions> = {},
): InjectOptions {
  return {
    method: e.method,
    url: pathFor(e, params),
    headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    ...extra,
  };
}
