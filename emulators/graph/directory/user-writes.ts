import { badRequest, GraphError, invalidValue, objectConflict } from '../graph/graph-error.ts';
import type { Directory } from './directory.ts';
import { graphDateTime, type UserEntity } from './entities.ts';
import { type PropertySpec, USER_PROPERTIES, userProperty } from './user-properties.ts';
import { normaliseValue, readOnly, upnIsWellFormed } from './user-values.ts';

/**
 * The property names in a user body, canonicalised; unknown and read-only names fail the way Graph
 * fails them. Annotations (`@odata.type`) are ignored.
 */
export function bodyProperties(body: unknown): Map<PropertySpec, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  const found = new Map<PropertySpec, unknown>();
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@') || name.includes('@odata.')) continue;
    const spec = userProperty(name);
    if (!spec) {
      throw badRequest(`Property '${name}' does not exist as a declared property or extension property.`);
    }
    if (!spec.writable) throw readOnly(spec.name);
    found.set(spec, value);
  }
  return found;
}

export function prepareNewUser(
  properties: Map<PropertySpec, unknown>,
  directory: Directory,
  id: string,
  nowMs: number,
): UserEntity {
  for (const spec of USER_PROPERTIES) {
    if (spec.requiredOnCreate && !properties.has(spec)) throw invalidValue(spec.name);
  }
  const values = normaliseAll(properties);
  checkUpn(values.userPrincipalName as string, directory);
  const user = {
    id,
    businessPhones: [],
    assignedLicenses: [],
    userType: 'Member',
    onPremisesSyncEnabled: null,
    ...values,
    proxyAddresses: typeof values.mail === 'string' ? [`SMTP:${values.mail}`] : [],
    createdDateTime: graphDateTime(nowMs),
  } as unknown as UserEntity;
  const conflict = directory.conflict(user);
  if (conflict) throw objectConflict(conflict.property, conflict.id);
  return user;
}

const SYNCED_ERROR =
  'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.';

/** Thrown for writes to users whose source of authority is on-premises AD. */
export const syncedObjectError = (): GraphError => badRequest(SYNCED_ERROR);

export function prepareUserChanges(
  properties: Map<PropertySpec, unknown>,
  user: UserEntity,
  directory: Directory,
): Record<string, unknown> {
  if (
    user.onPremisesSyncEnabled === true &&
    [...properties.keys()].some((spec) => !spec.writableWhenSynced)
  ) {
    throw syncedObjectError();
  }
  const changes = normaliseAll(properties);
  if ('userPrincipalName' in changes) checkUpn(changes.userPrincipalName as string, directory);
  if (changes.onPremisesExtensionAttributes && user.onPremisesExtensionAttributes) {
    changes.onPremisesExtensionAttributes = {
      ...(user.onPremisesExtensionAttributes as object),
      ...(changes.onPremisesExtensionAttributes as object),
    };
  }
  if ('mail' in changes)
    changes.proxyAddresses = proxyAddressesAfterMailChange(user, changes.mail as string | null);
  const conflict = directory.conflict(
    {
      ...(typeof changes.userPrincipalName === 'string'
        ? { userPrincipalName: changes.userPrincipalName }
        : {}),
      ...(typeof changes.mailNickname === 'string' ? { mailNickname: changes.mailNickname } : {}),
      ...(Array.isArray(changes.proxyAddresses)
        ? { proxyAddresses: changes.proxyAddresses as string[] }
        : {}),
    },
    user.id,
  );
  if (conflict) throw objectConflict(conflict.property, conflict.id);
  return changes;
}

/** The new primary `SMTP:` address leads; earlier addresses stay as secondary `smtp:` aliases. */
function proxyAddressesAfterMailChange(user: UserEntity, mail: string | null): string[] {
  const demoted = (user.proxyAddresses ?? []).map((a) => (a.startsWith('SMTP:') ? `smtp:${a.slice(5)}` : a));
  if (mail === null) return demoted;
  const others = demoted.filter((a) => a.toLowerCase() !== `smtp:${mail.toLowerCase()}`);
  return [`SMTP:${mail}`, ...others];
}

function normaliseAll(properties: Map<PropertySpec, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [spec, value] of properties) values[spec.name] = normaliseValue(spec, value);
  return values;
}

function checkUpn(upn: string, directory: Directory): void {
  if (!upnIsWellFormed(upn)) throw invalidValue('userPrincipalName');
  const domain = upn.slice(upn.indexOf('@') + 1);
  if (!directory.isVerifiedDomain(domain)) {
    throw badRequest(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
      [{ target: 'userPrincipalName', code: 'InvalidValue' }],
    );
  }
}
