import type { Static } from '@sinclair/typebox';
import type { ApiTokenDto, UserDto } from '../../contracts/index.ts';
import type { ApiToken, User } from '../../store/index.ts';
import { type ActorNamer, describeActor } from '../actor-names.ts';

/** `secondFactor`: whether the user's second factor is on (the store keeps it apart from the user). */
export const toUserDto = (u: User, secondFactor = false): Static<typeof UserDto> => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
  secondFactor,
});

/** `named` resolves users' names (actorNamer). */
export const toApiTokenDto = (
  t: ApiToken,
  named: ActorNamer = describeActor,
): Static<typeof ApiTokenDto> => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdByName: named({ type: 'user', id: t.createdByUserId, name: t.createdBy }),
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});
