/**
 * Active Directory group membership for entitlement rules: groups are named by DN; a member is
 * added or removed with a modify of the group's `member` attribute holding the user's current DN.
 * Adding a member who is one (LDAP 20, attributeOrValueExists) or removing one who is not (16,
 * noSuchAttribute) already reached the goal. Members are read with a `memberOf` search, which
 * returns objectGUIDs without the range retrieval a large `member` attribute would need.
 */
import { Attribute, Change, type Client } from 'ldapts';
import type { EntitlementWrite } from '../../core/index.ts';
import type { EntitlementSnapshot, TargetGroup, WriteOutcome } from '../../engine/ports.ts';
import { type DirectoryConnection, SEARCH_TIME_LIMIT } from './directory-connection.ts';
import { readDirectoryInfo } from './directory-reader.ts';
import { guidDn, guidToString } from './guid.ts';

const ALREADY = new Set([20, 16]);

export async function applyGroupWrite(
  conn: DirectoryConnection,
  write: EntitlementWrite,
): Promise<WriteOutcome> {
  if (write.kind === 'assign-licences')
    return failed(
      'licences are assigned in Microsoft 365, not in Active Directory; remove the licences from the rule',
    );
  const accountId = write.accountId;
  if (accountId === null) return failed('the account was not created, so it cannot join a group');
  try {
    await conn.run(
      async (c) => {
        const userDn = await dnOf(c, accountId);
        const operation = write.kind === 'add-to-group' ? 'add' : 'delete';
        await c.modify(
          write.groupId,
          new Change({ operation, modification: new Attribute({ type: 'member', values: [userDn] }) }),
        );
      },
      { idempotent: true },
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && ALREADY.has(code)) return { ok: true, accountId };
    if (code === 32)
      return failed(
        `group ${write.groupName} (${write.groupId}) or the account does not exist in the directory`,
      );
    throw error;
  }
  return { ok: true, accountId };
}

export async function readDirectoryGroups(
  conn: DirectoryConnection,
  baseDnSetting: string | undefined,
  groupDns: readonly string[],
): Promise<EntitlementSnapshot> {
  const groups = new Map<string, TargetGroup>();
  if (groupDns.length === 0) return { groups, skus: new Map() };
  const { baseDn } = await readDirectoryInfo(conn, baseDnSetting);
  for (const dn of new Set(groupDns)) {
    const group = await conn.run(async (c) => readGroup(c, baseDn, dn), { idempotent: true });
    if (group) groups.set(dn.toLowerCase(), group);
  }
  return { groups, skus: new Map() };
}

async function readGroup(c: Client, baseDn: string, dn: string): Promise<TargetGroup | undefined> {
  let name: string;
  try {
    const { searchEntries } = await c.search(dn, {
      scope: 'base',
      filter: '(objectClass=group)',
      attributes: ['cn'],
    });
    const entry = searchEntries[0];
    if (!entry) return undefined;
    name = String(entry.cn ?? dn);
  } catch (error) {
    // 32 noSuchObject: the group is gone (or the DN is not a DN at all: 34 invalidDNSyntax).
    const code = (error as { code?: unknown }).code;
    if (code === 32 || code === 34) return undefined;
    throw error;
  }
  const members = new Set<string>();
  const filter = `(&(objectClass=user)(memberOf=${escapeFilter(dn)}))`;
  for await (const page of c.searchPaginated(baseDn, {
    scope: 'sub',
    filter,
    attributes: ['objectGUID'],
    explicitBufferAttributes: ['objectGUID'],
    paged: { pageSize: 1000 },
    timeLimit: SEARCH_TIME_LIMIT,
  })) {
    for (const e of page.searchEntries)
      if (Buffer.isBuffer(e.objectGUID)) members.add(guidToString(e.objectGUID));
  }
  return { id: dn.toLowerCase(), displayName: name, members, assignedLicences: [] };
}

function escapeFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

async function dnOf(client: Client, accountId: string): Promise<string> {
  const { searchEntries } = await client.search(guidDn(accountId), { scope: 'base', attributes: ['1.1'] });
  const dn = searchEntries[0]?.dn;
  if (!dn) throw Object.assign(new Error(`account ${accountId} was not found`), { code: 32 });
  return dn;
}

function failed(message: string): WriteOutcome {
  return { ok: false, code: 'HRS_TARGET_WRITE_FAILED', message, retryable: false, ambiguous: false };
}
