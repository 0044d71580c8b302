/**
 * `hrsync admin …`: operations on the installation itself, straight on the store (no API: they are
 * for whoever runs the service, before any organisation admin exists).
 */
import { isUniqueViolation } from '../store/index.ts';
import { type Bootstrapped, createOrganisation } from './bootstrap.ts';
import type { ServiceConfig } from './config.ts';
import { openRuntime } from './runtime.ts';

export class AdminError extends Error {}

export async function createOrganisationCommand(
  config: ServiceConfig,
  input: {
    readonly name: string;
    readonly email: string;
    readonly adminName?: string;
    readonly timeZone?: string;
  },
  print: (line: string) => void,
): Promise<Bootstrapped> {
  const zone = input.timeZone ?? 'Europe/Amsterdam';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new AdminError(`"${zone}" is not a time zone; use an IANA name such as Europe/Amsterdam.`);
  }
  const runtime = await openRuntime(config, { print });
  try {
    const existing = await runtime.store.organisations.list();
    if (existing.some((o) => o.name.toLowerCase() === input.name.trim().toLowerCase())) {
      throw new AdminError(`An organisation named "${input.name.trim()}" already exists.`);
    }
    // Checked first: the organisation and its admin are written one after the other.
    // The service operator may know every address; organisations cannot (see routes/users.ts).
    if ((await runtime.store.users.findForSignIn(input.email)).length > 0) {
      throw new AdminError(`A user with the e-mail address ${input.email} already exists.`);
    }
    return await createOrganisation(
      runtime.store,
      {
        organisation: input.name.trim(),
        email: input.email,
        ...(input.adminName === undefined ? {} : { adminName: input.adminName }),
        password: config.bootstrap.password,
        timeZone: zone,
      },
      'hrsync admin create-organisation',
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AdminError(`A user with the e-mail address ${input.email} already exists.`);
    }
    throw error;
  } finally {
    await runtime.store.close();
  }
}
