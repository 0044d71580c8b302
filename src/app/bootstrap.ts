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

export interface NewOrganisation {
  readonly organisation: string;
  readonly email: string;
  readonly adminName?: string;
  /** Generated (and returned once) when not given. */
  readonly password: string | undefined;
  readonly timeZone?: string;
}

/**
 * An organisation and its first admin: the first start makes one, and `hrsync admin
 * create-organisation` more on an installation that hosts several MSPs.
 */
export async function createOrganisation(
  store: Store,
  settings: NewOrganisation,
  actor: string,
): Promise<Bootstrapped> {
  const organisation = await store.organisations.create(settings.organisation, settings.timeZone);
  const password = settings.password ?? generatePassword();
  await store.users.create({
    organisationId: organisation.id,
    email: settings.email,
    name: settings.adminName ?? 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  await store.audit.append({
    organisationId: organisation.id,
    actor: { type: 'system', id: null, name: actor },
    action: 'user.created',
    outcome: 'success',
    message: `organisation "${organisation.name}" and its admin ${settings.email} created`,
  });
  return {
    organisationId: organisation.id,
    email: settings.email,
    generatedPassword: settings.password === undefined ? password : null,
  };
}

export async function bootstrap(store: Store, settings: NewOrganisation): Promise<Bootstrapped | null> {
  if ((await store.organisations.list()).length > 0) return null;
  return createOrganisation(store, settings, 'bootstrap');
}
