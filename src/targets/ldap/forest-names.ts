/**
 * Names held outside the accounts hrsync reads, which new accounts must still avoid:
 *
 * - userPrincipalName is unique in the whole **forest** (Windows checks it on a Global Catalog and
 *   refuses a duplicate with 8648; Samba with 19 `0000202F`), and directory sync to Entra refuses a
 *   UPN, mail or smtp proxy address that any other synced object holds. The accounts read are only
 *   those below the base DN, so the rest of the forest is read here: through the Global Catalog
 *   (3269 for `ldaps://`, 3268 with StartTLS for `ldap://`), which holds every domain's objects with
 *   these attributes. The base DN's own subtree is left out (its accounts are read already): the
 *   own domain is listed one level at a time from its root without entering the base DN, so a
 *   20,000-account OU costs a few one-level searches per container around it, not a second read.
 * - The read below the base DN covers non-account objects there (groups, contacts, computers, OUs):
 *   their sAMAccountName, UPN, mail and proxy addresses, and their names, because an RDN is unique
 *   among all children of a container whatever their class (a group "Jan Jansen" blocks a user
 *   "CN=Jan Jansen" in the same OU: entryAlreadyExists).
 */
import type { Entry } from 'ldapts';
import { HrsyncError } from '../../core/index.ts';
import type { ImpliedName, ScopedReservation } from '../../engine/ports.ts';
import { entryValue } from './directory-attributes.ts';
import { type DirectoryConnection, SEARCH_TIME_LIMIT } from './directory-connection.ts';
import { isWithin, normaliseDn, splitDn } from './dn.ts';
import { classifyLdapError } from './ldap-errors.ts';

const PAGE_SIZE = 1000;
const NAME_ATTRIBUTES = ['userPrincipalName', 'mail', 'proxyAddresses'] as const;
const HOLDS_A_NAME = '(|(userPrincipalName=*)(mail=*)(proxyAddresses=*))';
/** In the own domain sAMAccountName counts too: it is unique among all the domain's principals. */
const HOLDS_A_NAME_OR_SAM = '(|(userPrincipalName=*)(mail=*)(proxyAddresses=*)(sAMAccountName=*))';
const BRANCH_CLASSES = ['organizationalunit', 'container', 'builtindomain'];
const BRANCHES = '(objectClass=organizationalUnit)(objectClass=container)(objectClass=builtinDomain)';
/**
 * What else lives beside accounts: groups, contacts, computers (and managed service accounts), OUs,
 * containers, published printers and shared folders. Named class by class, not as "not a user":
 * objectClass is indexed, and a negated filter made Samba scan all 20,000 accounts of the benchmark
 * OU (~10 s under load instead of ~3).
 */
const NOT_ACCOUNTS =
  '(|(objectClass=group)(objectClass=contact)(objectClass=computer)(objectClass=organizationalUnit)' +
  '(objectClass=container)(objectClass=printQueue)(objectClass=volume))';
/** crossRef of a domain naming context (FLAG_CR_NTDS_DOMAIN). */
const DOMAINS = '(&(objectClass=crossRef)(systemFlags:1.2.840.113556.1.4.803:=2))';

export interface HeldNames {
  /** attribute → values, as TargetReadResult.reserved wants them. */
  readonly reserved: Record<string, string[]>;
  /** cn → names held by non-account objects, per container. */
  readonly reservedWithin: Record<string, ScopedReservation[]>;
  /** The own domain's implicit UPNs (sAMAccountName@its DNS name), once its crossRef is read. */
  readonly implied: ImpliedName[];
}

/** The Global Catalog URL of a controller URL: the same host and TLS, port 3269 (LDAPS) or 3268. */
export function globalCatalogUrl(url: string): string {
  const parsed = new URL(url);
  const secure = parsed.protocol.toLowerCase() === 'ldaps:';
  return `${parsed.protocol}//${parsed.hostname.includes(':') ? `[${parsed.hostname}]` : parsed.hostname}:${secure ? 3269 : 3268}`;
}

const smtp = /^smtp:/i;

function push<T>(into: Record<string, T[]>, key: string, value: T): void {
  const list = into[key];
  if (list) list.push(value);
  else into[key] = [value];
}

function addNames(entry: Entry, into: Record<string, string[]>): void {
  for (const attribute of NAME_ATTRIBUTES) {
    const raw = entryValue(entry, attribute);
    const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    for (const value of values) {
      const text = String(value);
      if (attribute !== 'proxyAddresses') push(into, attribute, text);
      // Only SMTP addresses collide with mail and UPNs (X500:, SIP: … do not).
      else if (smtp.test(text)) push(into, attribute, text.replace(smtp, ''));
    }
  }
}

function describe(entry: Entry): string {
  const raw = entryValue(entry, 'objectClass');
  const classes = (Array.isArray(raw) ? raw : [raw]).map((c) => String(c).toLowerCase());
  if (classes.includes('computer')) return 'a computer';
  if (classes.includes('group')) return 'a group';
  if (classes.includes('contact')) return 'a contact';
  if (classes.includes('organizationalunit')) return 'an organizational unit';
  if (classes.includes('user')) return 'an account outside hrsync’s reach';
  return `an object (${classes.at(-1) ?? 'unknown class'})`;
}

/** `work` for every item, at most `width` at once, results in order. */
async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}

async function searchAll(
  conn: DirectoryConnection,
  base: string,
  scope: 'one' | 'sub',
  filter: string,
  attributes: readonly string[],
): Promise<Entry[]> {
  return conn.run(
    async (client) => {
      const out: Entry[] = [];
      for await (const page of client.searchPaginated(base, {
        scope,
        filter,
        attributes: [...attributes],
        paged: { pageSize: PAGE_SIZE },
        timeLimit: SEARCH_TIME_LIMIT,
      })) {
        out.push(...page.searchEntries);
      }
      return out;
    },
    { idempotent: true },
  );
}

/**
 * Non-account objects below the base DN, and (when given) directly in containers outside it that
 * accounts are placed in: their names and the unique values they hold.
 */
export async function readNonAccounts(
  conn: DirectoryConnection,
  baseDn: string,
  containersOutside: readonly string[],
  into: HeldNames,
): Promise<void> {
  const attributes = ['objectClass', 'name', 'sAMAccountName', ...NAME_ATTRIBUTES];
  const entries = await searchAll(conn, baseDn, 'sub', NOT_ACCOUNTS, attributes);
  for (const container of containersOutside) {
    if (!isWithin(container, baseDn)) {
      try {
        entries.push(...(await searchAll(conn, container, 'one', '(objectClass=*)', attributes)));
      } catch (error) {
        // A container that does not exist yet holds nothing (the write will say it is missing).
        if (classifyLdapError(error).resultCode !== 32) throw error;
      }
    }
  }
  for (const entry of entries) {
    const sam = entryValue(entry, 'sAMAccountName');
    // Users of other containers have sAMAccountNames too, but they are not read as accounts.
    if (typeof sam === 'string') push(into.reserved, 'sAMAccountName', sam);
    addNames(entry, into.reserved);
    const name = entryValue(entry, 'name');
    const { parent } = splitDn(entry.dn);
    if (typeof name === 'string' && parent !== '')
      push(into.reservedWithin, 'cn', { within: parent, value: name, holder: describe(entry) });
  }
}

/**
 * UPNs, mail and smtp proxy addresses held anywhere in the forest outside the base DN's subtree,
 * read from the Global Catalog. `gc` is null when no Global Catalog answered: then a forest of one
 * domain is read from the controller itself, and a forest of several fails the read, since hrsync
 * cannot promise a unique UPN without seeing the other domains.
 */
export async function readForestOutside(
  conn: DirectoryConnection,
  gc: () => Promise<DirectoryConnection | null>,
  info: { readonly baseDn: string; readonly configurationNamingContext: string },
  into: HeldNames,
): Promise<void> {
  const crossRefs = await searchAll(
    conn,
    `CN=Partitions,${info.configurationNamingContext}`,
    'one',
    DOMAINS,
    ['nCName', 'dnsRoot'],
  );
  const domains = crossRefs.flatMap((e) => {
    const nc = entryValue(e, 'nCName');
    return typeof nc === 'string' ? [nc] : [];
  });
  const base = normaliseDn(info.baseDn);
  const own = domains.filter((nc) => isWithin(info.baseDn, nc)).sort((a, b) => b.length - a.length)[0];
  const others = domains.filter((nc) => nc !== own);
  // Windows signs every account of the domain in as sAMAccountName@<the domain's DNS name> unless
  // another account holds that as its UPN; Samba refuses a UPN or sAMAccountName that would make
  // two accounts answer to one such name (68 entryAlreadyExists). The domain's sAMAccountNames are
  // all read (accounts below the base DN, the rest of the domain here), so the planner checks both.
  const ownRef = crossRefs.find((e) => entryValue(e, 'nCName') === own);
  const dnsRoot = ownRef === undefined ? undefined : entryValue(ownRef, 'dnsRoot');
  if (typeof dnsRoot === 'string' && dnsRoot !== '')
    into.implied.push({ attribute: 'userPrincipalName', from: 'sAMAccountName', suffix: `@${dnsRoot}` });
  const walk = own !== undefined && base !== normaliseDn(own);
  if (!walk && others.length === 0) return;
  const catalog = await gc();
  if (catalog === null && others.length > 0) {
    throw new HrsyncError(
      'HRS_TARGET_UNAVAILABLE',
      `the Global Catalog did not answer (port 3269, or 3268 with StartTLS, on the domain controllers): hrsync needs it to check that a new userPrincipalName is unique in the forest, which also holds ${others.join('; ')}`,
    );
  }
  const reader = catalog ?? conn;
  const found: Entry[] = [];
  // The own domain but the base DN's subtree, one level at a time from the root. One-level searches
  // stay cheap everywhere (Samba answers a subtree search with a presence filter by scanning the
  // whole partition, 20,000 accounts included); the searches of a level go out together.
  if (walk) {
    const attributes = [...NAME_ATTRIBUTES, 'sAMAccountName', 'objectClass'];
    let level = [own];
    while (level.length > 0) {
      const next: string[] = [];
      const pages = await inBatches(level, 8, (dn) =>
        searchAll(reader, dn, 'one', `(|${HOLDS_A_NAME_OR_SAM}${BRANCHES})`, attributes),
      );
      for (const entry of pages.flat()) {
        found.push(entry);
        const classes = entryValue(entry, 'objectClass');
        const list = (Array.isArray(classes) ? classes : [classes]).map((c) => String(c).toLowerCase());
        if (BRANCH_CLASSES.some((c) => list.includes(c)) && normaliseDn(entry.dn) !== base)
          next.push(entry.dn);
      }
      level = next;
    }
  }
  for (const entry of found) {
    const sam = entryValue(entry, 'sAMAccountName');
    if (typeof sam === 'string') push(into.reserved, 'sAMAccountName', sam);
    addNames(entry, into.reserved);
  }
  // Other domains: only the forest-wide names (their sAMAccountNames are theirs alone).
  if (catalog === null) return;
  for (const nc of others) {
    for (const entry of await searchAll(catalog, nc, 'sub', HOLDS_A_NAME, [...NAME_ATTRIBUTES]))
      addNames(entry, into.reserved);
  }
}
