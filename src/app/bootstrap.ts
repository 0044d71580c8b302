/**
 * First start: a database without organisations gets one, with an admin account. The password comes
 * from HRSYNC_ADMIN_PASSWORD or is generated and printed once to the terminal (never to the log).
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../api/index.ts';
import type { Store } from '../store/index.ts';

export interface Bootstrapped {
  readonly organisationId: string;
  readonly email: string;
  /** Set only when the password was generated here. */
  readonly generatedPassword: string | null;
}

export const generatePassword = (): string => randomBytes(15).toString('base64url');

export async function bootstrap(
  store: Store,
  settings: { readonly organisation: string; readonly email: string; readonly password: string | undefined },
): Promise<Bootstrapped | null> {
  if ((await store.organisations.list()).length > 0) return null;
  const organisation = await store.organisations.create(settings.organisation);
  const password = settings.password ?? generatePassword();
  await store.users.create({
    organisationId: organisation.id,
    email: settings.email,
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  await store.audit.append({
    organisationId: organisation.id,
    actor: { type: 'system', id: null, name: 'bootstrap' },
    action: 'user.created',
    outcome: 'success',
    message: `first start: organisation "${organisation.name}" and admin ${settings.email} created`,
  });
  return {
    organisationId: organisation.id,
    email: settings.email,
    generatedPassword: settings.password === undefined ? password : null,
  };
}
