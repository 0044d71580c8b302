/**
 * Reading the directory: user accounts below the base DN, in pages of at most 1,000 (Windows'
 * MaxPageSize; Samba ignores it, Windows does not), with only the attributes the run needs.
 *
 * Later runs read only what changed: accounts whose `uSNChanged` is above the `highestCommittedUSN`
 * the same controller reported before the previous read, plus the tombstones of deleted accounts.
 * USNs are per controller and per database instance, so a different controller (failover) or a
 * changed `invocationId` (a restore) means a full read, never a wrong one.
 */
import { AndFilter, Control, type Entry, EqualityFilter, type Filter } from 'ldapts';
import type { Account, Attributes } from '../../core/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { PlacementContainer, TargetReadResult } from '../../engine/ports.ts';
import {
  CN,
  ENABLED,
  entryValue,
  ldapAttributesFor,
  MANAGER,
  PARENT,
  readValue,
} from './directory-attributes.ts';
import { type DirectoryConnection, SEARCH_TIME_LIMIT } from './directory-connection.ts';
import { normaliseDn, rdnValue, splitDn } from './dn.ts';
import { type HeldNames, readForestOutside, readNonAccounts } from './forest-names.ts';
import { guidToBytes, guidToString } from './guid.ts';
import { classifyLdapError } from './ldap-errors.ts';
import { isDisabled } from './uac.ts';

export const PAGE_SIZE = 1000;
export const USERS = '(&(objectCategory=person)(objectClass=user))';
const SHOW_DELETED = '1.2.840.113556.1.4.417';

export interface DirectoryInfo {
  readonly baseDn: string;
  readonly dsServiceName: string;
  readonly dnsHostName: string;
  readonly highestCommittedUsn: string;
  readonly invocationId: string;
  readonly rootDomainNamingContext: string;
  readonly configurationNamingContext: string;
}

interface Cursor {
  readonly v: 1;
  readonly server: string;
  readonly invocationId: string;
  readonly usn: string;
  readonly baseDn: string;
}

export async function readDirectoryInfo(
  conn: DirectoryConnection,
  baseDn: string | undefined,
): Promise<DirectoryInfo> {
  return conn.run(
    async (client) => {
      const { searchEntries } = await client.search('', {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: [
          'defaultNamingContext',
          'rootDomainNamingContext',
          'configurationNamingContext',
          'dsServiceName',
          'dnsHostName',
          'highestCommittedUSN',
        ],
      });
      const root = searchEntries[0];
      if (!root) throw new HrsyncError('HRS_TARGET_READ_FAILED', 'the controller returned no RootDSE');
      const text = (name: string) => String(entryValue(root, name) ?? '');
      const dsServiceName = text('dsServiceName');
      const ntds = await client.search(dsServiceName, {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['invocationId'],
        explicitBufferAttributes: ['invocationId'],
      });
      const id = ntds.searchEntries[0]?.invocationId;
      return {
        baseDn: baseDn && baseDn.trim() !== '' ? baseDn : text('defaultNamingContext'),
        dsServiceName,
        dnsHostName: text('dnsHostName'),
        highestCommittedUsn: text('highestCommittedUSN'),
        invocationId: Buffer.isBuffer(id) ? guidToString(id) : '',
        rootDomainNamingContext: text('rootDomainNamingContext'),
        configurationNamingContext: text('configurationNamingContext'),
      };
    },
    { idempotent: true },
  );
}

function parseCursor(cursor: string | null): Cursor | null {
  if (cursor === null) return null;
  try {
    const c = JSON.parse(cursor) as Cursor;
    return c.v === 1 && typeof c.usn === 'string' ? c : null;
  } catch {
    return null;
  }
}

/** Where the names that accounts must avoid are read besides the base DN (see forest-names.ts). */
export interface NameSources {
  /** The Global Catalog, or null when none answers. */
  readonly globalCatalog: () => Promise<DirectoryConnection | null>;
  /** Containers accounts are placed in (new accounts, leavers), read also when outside the base DN. */
  readonly containers: readonly string[];
}

export async function readAccounts(
  conn: DirectoryConnection,
  baseDnSetting: string | undefined,
  options: { attributes: readonly string[]; cursor: string | null; signal?: AbortSignal },
  names: NameSources,
): Promise<TargetReadResult> {
  try {
    // The USN is read BEFORE the accounts: a change made during the read is read again next time.
    const info = await readDirectoryInfo(conn, baseDnSetting);
    const previous = parseCursor(options.cursor);
    const incremental =
      previous !== null &&
      previous.server === info.dsServiceName &&
      previous.invocationId === info.invocationId &&
      normaliseDn(previous.baseDn) === normaliseDn(info.baseDn);
    const since = incremental ? `(uSNChanged>=${BigInt(previous.usn) + 1n})` : '';
    const entries = await search(
      conn,
      info.baseDn,
      `(&${USERS}${since})`,
      options.attributes,
      options.signal,
    );
    const guidByDn = new Map<string, string>();
    for (const e of entries) guidByDn.set(normaliseDn(e.dn), guidOf(e));
    const wantManager = options.attributes.includes(MANAGER);
    const unknownManagers = new Set<string>();
    if (wantManager) {
      for (const e of entries) {
        const dn = entryValue(e, MANAGER);
        if (typeof dn === 'string' && !guidByDn.has(normaliseDn(dn))) unknownManagers.add(dn);
      }
      // An incremental read holds only the changed accounts; look up the rest of the managers.
      for (const dn of unknownManagers) {
        const guid = await guidOfDn(conn, dn);
        if (guid !== null) guidByDn.set(normaliseDn(dn), guid);
      }
    }
    const accounts = entries.map((e) => toAccount(e, options.attributes, guidByDn));
    const removedIds = incremental ? await deletedSince(conn, info.baseDn, previous.usn) : [];
    // Always complete, also on an incremental read: what non-accounts and the rest of the forest hold.
    const held: HeldNames = { reserved: {}, reservedWithin: {}, implied: [] };
    await readNonAccounts(conn, info.baseDn, names.containers, held);
    await readForestOutside(conn, names.globalCatalog, info, held);
    const containers = await readContainers(conn, info.baseDn, options.signal);
    const cursor: Cursor = {
      v: 1,
      server: info.dsServiceName,
      invocationId: info.invocationId,
      usn: info.highestCommittedUsn,
      baseDn: info.baseDn,
    };
    return {
      accounts,
      cursor: JSON.stringify(cursor),
      incremental,
      removedIds,
      reserved: held.reserved,
      reservedWithin: held.reservedWithin,
      implied: held.implied,
      // Accounts below the base DN only: the planner refuses to place one outside it.
      readWithin: { attribute: PARENT, container: info.baseDn, containers },
    };
  } catch (error) {
    throw asReadError(error, 'reading the directory');
  }
}

/** Objects accounts can be placed in: OUs, containers (CN=Users) and the domain itself. */
const CONTAINERS = '(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=domainDNS))';

/**
 * The containers below the base DN, each with whether the bind account may create users in it
 * (allowedChildClassesEffective, as "test connection" asks): the planner refuses a create or a move
 * into one that does not exist or takes no users, as the sync would fail there (plan/placement.ts).
 */
export async function readContainers(
  conn: DirectoryConnection,
  baseDn: string,
  signal: AbortSignal | undefined,
): Promise<PlacementContainer[]> {
  const entries = await search(conn, baseDn, CONTAINERS, ['allowedChildClassesEffective'], signal, true);
  return placementContainers(entries);
}

/**
 * The containers a subtree search found, with whether each takes users. A container the bind account
 * may create nothing in comes without the attribute (LDAP returns no empty attribute); but a
 * controller that does not work this constructed attribute out in a subtree search leaves it out for
 * every container. When no container has it, only which containers exist is known: each is taken as
 * usable (the base-scope check of "test connection" still tells a container that takes no users),
 * rather than every create refused.
 */
export function placementContainers(
  entries: readonly (Readonly<Record<string, unknown>> & { readonly dn: string })[],
): PlacementContainer[] {
  const classes = entries.map((e) => entryValue(e, 'allowedChildClassesEffective'));
  const known = classes.some((c) => c !== undefined);
  return entries.map((e, i) => ({
    container: e.dn,
    accountsAllowed: !known || [classes[i] ?? []].flat().some((c) => String(c).toLowerCase() === 'user'),
  }));
}

export function asReadError(error: unknown, what: string): HrsyncError {
  if (error instanceof HrsyncError) return error;
  const failure = classifyLdapError(error);
  const code = failure.code === 'HRS_TARGET_WRITE_FAILED' ? 'HRS_TARGET_READ_FAILED' : failure.code;
  return new HrsyncError(code, `${what}: ${failure.message}`, { cause: error });
}

async function search(
  conn: DirectoryConnection,
  base: string,
  filter: string | Filter,
  attributes: readonly string[],
  signal: AbortSignal | undefined,
  raw = false,
): Promise<Entry[]> {
  return conn.run(
    async (client) => {
      const out: Entry[] = [];
      for await (const page of client.searchPaginated(base, {
        scope: 'sub',
        filter,
        attributes: raw ? [...attributes] : ldapAttributesFor(attributes),
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: PAGE_SIZE },
        timeLimit: SEARCH_TIME_LIMIT,
      })) {
        signal?.throwIfAborted();
        out.push(...page.searchEntries);
      }
      return out;
    },
    { idempotent: true },
  );
}

function guidOf(entry: Entry): string {
  const raw = entry.objectGUID;
  if (!Buffer.isBuffer(raw)) throw new HrsyncError('HRS_TARGET_READ_FAILED', `${entry.dn} has no objectGUID`);
  return guidToString(raw);
}

export function toAccount(
  entry: Entry,
  attributes: readonly string[],
  guidByDn: ReadonlyMap<string, string>,
): Account {
  const out: Record<string, Attributes[string]> = {};
  for (const attribute of attributes) {
    if (attribute === ENABLED) {
      out[ENABLED] = !isDisabled(Number(entryValue(entry, 'userAccountControl') ?? 0));
    } else if (attribute === PARENT) {
      out[PARENT] = splitDn(entry.dn).parent;
    } else if (attribute === CN) {
      out[CN] = rdnValue(entry.dn);
    } else if (attribute === MANAGER) {
      const dn = entryValue(entry, MANAGER);
      out[MANAGER] = typeof dn === 'string' ? (guidByDn.get(normaliseDn(dn)) ?? dn) : null;
    } else if (attribute !== 'id') {
      out[attribute] = readValue(attribute, entryValue(entry, attribute));
    }
  }
  return { id: guidOf(entry), attributes: out };
}

async function guidOfDn(conn: DirectoryConnection, dn: string): Promise<string | null> {
  try {
    const entries = await conn.run(
      (client) =>
        client
          .search(dn, { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] })
          .then((r) => r.searchEntries),
      { idempotent: true },
    );
    return entries[0] ? guidOf(entries[0]) : null;
  } catch (error) {
    if (classifyLdapError(error).resultCode === 32) return null;
    throw error;
  }
}

async function deletedSince(conn: DirectoryConnection, base: string, usn: string): Promise<string[]> {
  const entries = await conn.run(
    (client) =>
      client
        .search(
          base,
          {
            scope: 'sub',
            filter: `(&(isDeleted=TRUE)(objectClass=user)(uSNChanged>=${BigInt(usn) + 1n}))`,
            attributes: ['objectGUID'],
            explicitBufferAttributes: ['objectGUID'],
            paged: { pageSize: PAGE_SIZE },
            timeLimit: SEARCH_TIME_LIMIT,
          },
          new Control(SHOW_DELETED, { critical: true }),
        )
        .then((r) => r.searchEntries),
    { idempotent: true },
  );
  return entries.filter((e) => Buffer.isBuffer(e.objectGUID)).map(guidOf);
}

/** Accounts whose attribute equals the value; an objectGUID is sent as its 16 bytes. */
export async function findAccounts(
  conn: DirectoryConnection,
  baseDnSetting: string | undefined,
  attribute: string,
  value: string,
  attributes: readonly string[],
): Promise<Account[]> {
  try {
    const info = await readDirectoryInfo(conn, baseDnSetting);
    // ldapts corrupts `\xx` escapes ≥ 0x80 in string filters, so binary values go in a filter object.
    const condition =
      attribute === 'objectGUID' || attribute === 'id'
        ? new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(value) })
        : new EqualityFilter({ attribute, value });
    const filter = new AndFilter({
      filters: [
        new EqualityFilter({ attribute: 'objectCategory', value: 'person' }),
        new EqualityFilter({ attribute: 'objectClass', value: 'user' }),
        condition,
      ],
    });
    const users = await search(conn, info.baseDn, filter, [...attributes, MANAGER], undefined);
    const guidByDn = new Map<string, string>();
    for (const e of users) {
      const dn = entryValue(e, MANAGER);
      if (typeof dn === 'string') {
        const guid = await guidOfDn(conn, dn);
        if (guid !== null) guidByDn.set(normaliseDn(dn), guid);
      }
    }
    return users.map((e) => toAccount(e, attributes, guidByDn));
  } catch (error) {
    throw asReadError(error, `looking up ${attribute} = "${value}"`);
  }
}
