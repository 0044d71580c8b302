/**
 * The checks of a connection test (AFAS "Test connection", a tenant's "Test credentials" / "Test
 * connection") named in words: the service names them by code (`reachable`, `connector:users`).
 */
const CHECK_LABELS: Readonly<Record<string, string>> = {
  reachable: 'AFAS answers',
  token: 'Token',
  'permission:users': 'Permission to manage users',
  'permission:lifecycle': 'Permission for hire and leave dates',
  'read:users': 'Reading users',
  domain: 'Default domain',
  bind: 'Signing in to the directory',
  rootdse: 'Reading the directory',
  'upn-suffixes': 'UPN suffixes',
};

/** By the service's connector roles (src/sources/afas CONNECTOR_ROLES), in the words of step 1's fields. */
const CONNECTOR_WORDS: Readonly<Record<string, string>> = {
  users: 'employees',
  employments: 'employments',
  organizationalUnits: 'organisational units',
};

export function checkLabel(name: string): string {
  const known = CHECK_LABELS[name];
  if (known) return known;
  const connector = /^connector:(.+)$/.exec(name)?.[1];
  if (connector) return `GetConnector for ${CONNECTOR_WORDS[connector] ?? connector}`;
  // An unknown check: its code read as words ("write-back" → "Write back").
  const words = name.replace(/[-:_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
