import type { FastifyInstance } from 'fastify';
import { createUser, listUsers, updateUser } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { isUniqueViolation } from '../../store/index.ts';
import { hashPassword } from '../auth/credentials.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';
import { toUserDto } from '../dto/access.ts';
import { registerEndpoint } from '../route.ts';

export async function userRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listUsers, async ({ caller, store }) => {
    const withSecondFactor = await store.secondFactors.enabledUserIds(caller.organisationId);
    return {
      items: (await store.users.list(caller.organisationId)).map((u) =>
        toUserDto(u, withSecondFactor.has(u.id)),
      ),
    };
  });

  registerEndpoint(app, createUser, async ({ caller, store, body, audit }) => {
    const organisation = await store.organisations.get(caller.organisationId);
    assertStrongPassword(body.password, [body.email, body.name, organisation?.name ?? '']);
    try {
      const user = await store.users.create({
        organisationId: caller.organisationId,
        email: body.email,
        name: body.name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
      });
      await audit('user.created', {
        message: `user ${user.email} created with role ${user.role}`,
        details: { userId: user.id, email: user.email, name: user.name, role: user.role },
      });
      return toUserDto(user);
    } catch (error) {
      // Addresses are unique per organisation (migration 0120): a conflict is always one of this
      // organisation's own users, so saying so tells nothing about other organisations.
      if (isUniqueViolation(error))
        throw new HrsyncError(
          'HRS_CONFLICT',
          `Your organisation already has a user with the e-mail address ${body.email}.`,
        );
      throw error;
    }
  });

  registerEndpoint(app, updateUser, async ({ caller, store, params, body, audit }) => {
    const before = await store.users.get(caller.organisationId, params.id);
    if (!before)
      throw new HrsyncError('HRS_NOT_FOUND', `User ${params.id} was not found in your organisation.`);
    const losesAdmin =
      before.role === 'admin' &&
      ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
    if (losesAdmin && !before.disabled && (await store.users.countActiveAdmins(caller.organisationId)) <= 1) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        'This is the last active admin of the organisation; make another user admin first.',
      );
    }
    if (body.password !== undefined) {
      const organisation = await store.organisations.get(caller.organisationId);
      assertStrongPassword(body.password, [before.email, body.name ?? before.name, organisation?.name ?? '']);
    }
    const user = await store.users.update(caller.organisationId, params.id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.role === undefined ? {} : { role: body.role }),
      ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
      ...(body.password === undefined ? {} : { passwordHash: await hashPassword(body.password) }),
    });
    // A changed role, password or disabled account must not keep old sessions alive.
    if (body.role !== undefined || body.disabled !== undefined || body.password !== undefined) {
      await store.sessions.deleteForUser(params.id);
    }
    await audit('user.updated', {
      message: `user ${before.email} updated`,
      details: {
        userId: before.id,
        email: before.email,
        name: user?.name ?? before.name,
        changed: Object.keys(body),
        ...(body.role !== undefined ? { role: { old: before.role, new: body.role } } : {}),
        ...(body.disabled !== undefined ? { disabled: { old: before.disabled, new: body.disabled } } : {}),
      },
    });
    const factor = await store.secondFactors.get(caller.organisationId, params.id);
    return toUserDto(user ?? before, factor?.enabledAt != null);
  });
}
