import type { Static } from '@sinclair/typebox';
import type { ApiTokenDto, UserDto } from '../../contracts/index.ts';
import type { ApiToken, User } from '../../store/index.ts';

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

export const toApiTokenDto = (t: ApiToken): Static<typeof ApiTokenDto> => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});
