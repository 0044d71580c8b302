/**
 * "Test connection" for a directory: bind (trying every controller in order), read RootDSE, find
 * the container, read the forest's UPN suffixes, and ask the controller what the bind account may
 * do there — create users in the container (allowedChildClassesEffective), write the attributes
 * hrsync writes on an account (allowedAttributesEffective) and reset passwords. Each check says in
 * plain words what is missing, so an administrator fixes everything in one pass.
 */
import { canonicalRdns, isHrsyncError, plural } from '../../core/index.ts';
import type { PlacementToCheck } from '../../engine/ports.ts';
import { entryValue } from './directory-attributes.ts';
import type { DirectoryConnection } from './directory-connection.ts';
import { readDirectoryInfo, USERS } from './directory-reader.ts';
import { classifyLdapError } from './ldap-errors.ts';

export interface DirectoryCheck {
  readonly name: string;
  readonly ok: boolean;
  /** A failed optional check is a warning: hrsync works, one feature does not. */
  readonly required: boolean;
  readonly message: string;
}

export interface DirectoryCheckSettings {
  readonly baseDn?: string | undefined;
  readonly container: string;
  readonly disabledContainer?: string | undefined;
  readonly writtenAttributes: readonly string[];
  /** Where connections' mappings place accounts besides the containers above (PlacementToCheck). */
  readonly placements?: readonly PlacementToCheck[];
}

export interface DirectoryCheckResult {
  readonly ok: boolean;
  readonly message: string;
  readonly details: {
    readonly checks: readonly DirectoryCheck[];
    readonly controller: string | null;
    readonly baseDn: string | null;
    readonly upnSuffixes: readonly string[];
  };
}

export async function checkDirectory(
  conn: DirectoryConnection,
  settings: DirectoryCheckSettings,
): Promise<DirectoryCheckResult> {
  const checks: DirectoryCheck[] = [];
  const check = (name: string, ok: boolean, message: string, required = true) =>
    checks.push({ name, ok, required, message });
  let baseDn: string | null = null;
  let upnSuffixes: string[] = [];
  try {
    await conn.client();
    const skipped = conn.failures.map((f) => `${f.url} (${f.message})`);
    check(
      'bind',
      true,
      `Signed in to ${conn.url}${skipped.length > 0 ? `; could not use ${skipped.join(', ')}` : ''}.`,
    );
  } catch (error) {
    check('bind', false, messageOf(error));
  }
  if (checks[0]?.ok) {
    try {
      const info = await readDirectoryInfo(conn, settings.baseDn);
      baseDn = info.baseDn;
      check('rootdse', true, `Controller ${info.dnsHostName}; accounts are searched below ${info.baseDn}.`);
      upnSuffixes = await forestSuffixes(conn, info.configurationNamingContext, info.rootDomainNamingContext);
      check('upn-suffixes', true, `UPN suffixes of the forest: ${upnSuffixes.join(', ')}.`, false);
    } catch (error) {
      check('rootdse', false, `Reading RootDSE failed: ${messageOf(error)}`);
    }
    await checkContainer(conn, settings.container, 'container', settings.writtenAttributes, check);
    if (settings.disabledContainer) {
      await checkContainer(conn, settings.disabledContainer, 'disabled-container', [], check);
    }
    await checkPlacements(conn, settings, check);
  }
  const failed = checks.filter((c) => !c.ok && c.required);
  const warnings = checks.filter((c) => !c.ok && !c.required);
  const message =
    failed.length > 0
      ? `The directory connection has ${plural(failed.length, 'problem')}: ${failed.map((c) => c.message).join(' ')}`
      : warnings.length > 0
        ? `The directory connection works, with warnings: ${warnings.map((c) => c.message).join(' ')}`
        : 'The directory connection works: hrsync can create, change and move accounts in the container.';
  return {
    ok: failed.length === 0,
    message,
    details: { checks, controller: conn.url, baseDn, upnSuffixes },
  };
}

async function checkContainer(
  conn: DirectoryConnection,
  container: string,
  name: string,
  written: readonly string[],
  check: (name: string, ok: boolean, message: string, required?: boolean) => void,
): Promise<void> {
  try {
    const canCreate = await mayCreateUsers(conn, container);
    check(
      `${name}:create`,
      canCreate,
      canCreate
        ? `The bind account may create users in ${container}.`
        : `The bind account may not create users in ${container}: delegate "Create, delete, and manage user accounts" on it.`,
    );
    if (written.length === 0) return;
    const sample = await conn.run(
      (c) =>
        c
          .search(container, {
            scope: 'sub',
            filter: USERS,
            sizeLimit: 1,
            attributes: ['allowedAttributesEffective'],
          })
          .then((r) => r.searchEntries[0]),
      { idempotent: true },
    );
    if (!sample) {
      // Not known, so not a pass: a warning, and the summary does not say accounts can be changed.
      check(
        `${name}:modify`,
        false,
        `${container} holds no user yet, so write permissions on accounts could not be checked; test again after the first sync.`,
        false,
      );
      return;
    }
    const allowed = new Set(
      list(entryValue(sample, 'allowedAttributesEffective')).map((a) => a.toLowerCase()),
    );
    const missing = written.filter((a) => !allowed.has(a.toLowerCase()));
    check(
      `${name}:modify`,
      missing.length === 0,
      missing.length === 0
        ? `The bind account may write every mapped attribute on accounts in ${container}.`
        : `The bind account may not write ${missing.join(', ')} on accounts in ${container}: grant "Write" on those properties of user objects.`,
    );
  } catch (error) {
    const f = classifyLdapError(error);
    check(
      `${name}:create`,
      false,
      f.resultCode === 32
        ? `The container ${container} does not exist (or the bind account cannot see it).`
        : `Checking ${container} failed: ${f.message}`,
    );
  }
}

/**
 * The containers connections' mappings place accounts in (placement-differs), other than the tenant's
 * own: a sync creating or moving an account into one that does not exist, or where the bind account
 * may not create users, fails there; so "test connection" says so, naming who places accounts there.
 */
async function checkPlacements(
  conn: DirectoryConnection,
  settings: DirectoryCheckSettings,
  check: (name: string, ok: boolean, message: string, required?: boolean) => void,
): Promise<void> {
  const key = (dn: string) => canonicalRdns(dn)?.join(',') ?? dn.toLowerCase();
  const seen = new Set([settings.container, settings.disabledContainer ?? ''].map(key));
  const byContainer = new Map<string, { container: string; placedBy: string[] }>();
  for (const p of settings.placements ?? []) {
    const k = key(p.container);
    if (p.container.trim() === '' || seen.has(k)) continue;
    const entry = byContainer.get(k) ?? { container: p.container, placedBy: [] };
    if (!entry.placedBy.includes(p.placedBy)) entry.placedBy.push(p.placedBy);
    byContainer.set(k, entry);
  }
  for (const { container, placedBy } of byContainer.values()) {
    const who = placedBy.join(' and ');
    try {
      const canCreate = await mayCreateUsers(conn, container);
      check(
        'mapping-container:create',
        canCreate,
        canCreate
          ? `The bind account may create users in ${container}, where ${who} places accounts.`
          : `The bind account may not create users in ${container}, where ${who} places accounts: delegate "Create, delete, and manage user accounts" on it, or correct the mapping.`,
      );
    } catch (error) {
      const f = classifyLdapError(error);
      check(
        'mapping-container:create',
        false,
        f.resultCode === 32
          ? `The container ${container}, where ${who} places accounts, does not exist (or the bind account cannot see it): create it, or correct the mapping.`
          : `Checking ${container}, where ${who} places accounts, failed: ${f.message}`,
      );
    }
  }
}

async function forestSuffixes(
  conn: DirectoryConnection,
  configuration: string,
  rootDomain: string,
): Promise<string[]> {
  const partitions = await conn.run(
    (c) =>
      c
        .search(`CN=Partitions,${configuration}`, { scope: 'base', attributes: ['uPNSuffixes'] })
        .then((r) => r.searchEntries[0]),
    { idempotent: true },
  );
  const extra = list(partitions && entryValue(partitions, 'uPNSuffixes'));
  const own = rootDomain
    .split(',')
    .map((p) => p.replace(/^DC=/i, ''))
    .join('.')
    .toLowerCase();
  return [...new Set([own, ...extra.map((s) => s.toLowerCase())])];
}

const list = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

const messageOf = (error: unknown): string =>
  isHrsyncError(error) || error instanceof Error ? error.message : String(error);

/** Whether the bind account may create users in `container` (its allowedChildClassesEffective, read at base scope). */
async function mayCreateUsers(conn: DirectoryConnection, container: string): Promise<boolean> {
  const entry = await conn.run(
    (c) =>
      c
        .search(container, { scope: 'base', attributes: ['allowedChildClassesEffective'] })
        .then((r) => r.searchEntries[0]),
    { idempotent: true },
  );
  return list(entry && entryValue(entry, 'allowedChildClassesEffective')).some(
    (c) => c.toLowerCase() === 'user',
  );
}
