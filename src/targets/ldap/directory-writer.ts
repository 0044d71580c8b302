/**
 * Applies planned writes to the directory, one LDAP operation sequence per write, a few writes in
 * flight on the one connection. Accounts are addressed as `<GUID=…>` (never a DN held since the read:
 * an administrator may have renamed or moved the account meanwhile).
 *
 * A create is: add the user disabled (514, no password — Windows refuses a password in the add) →
 * set unicodePwd over the encrypted connection → pwdLastSet 0 (must change at next sign-in) → enable
 * when the person should be enabled. If a step after the add fails, the half-made account is deleted
 * again, so a failed create leaves nothing behind; if even that fails, the outcome is ambiguous and
 * the engine re-matches before it tries again (no duplicate accounts).
 */
import { Attribute, Change, type Client } from 'ldapts';
import type { AttributeChange, PlannedWrite } from '../../core/index.ts';
import type { TargetWriteProgress, WriteOutcome } from '../../engine/ports.ts';
import { CN, ldapValues, MANAGER, NOT_MODIFIED, PARENT } from './directory-attributes.ts';
import type { DirectoryConnection } from './directory-connection.ts';
import { applyGroupWrite } from './directory-groups.ts';
import { rdnValue, splitDn, userDn } from './dn.ts';
import { guidDn, guidToString } from './guid.ts';
import { initialPassword, unicodePwd } from './initial-password.ts';
import { classifyLdapError } from './ldap-errors.ts';
import { UAC_NEW_USER, withEnabled } from './uac.ts';

export interface WriterSettings {
  /** Where new accounts go when the mapping gives no parentDistinguishedName. */
  readonly container: string;
  /** pwdLastSet 0 after the initial password: the user must change it at first sign-in. */
  readonly mustChangePassword: boolean;
  /** Writes in flight at once. */
  readonly concurrency?: number;
}

const USER_CLASSES = ['top', 'person', 'organizationalPerson', 'user'];

export class DirectoryWriter {
  readonly #conn: DirectoryConnection;
  readonly #settings: WriterSettings;

  constructor(conn: DirectoryConnection, settings: WriterSettings) {
    this.#conn = conn;
    this.#settings = settings;
  }

  async apply(
    writes: readonly PlannedWrite[],
    options: { signal?: AbortSignal; onProgress?: (p: TargetWriteProgress) => void },
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = new Array(writes.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < writes.length) {
        const i = next++;
        const write = writes[i] as PlannedWrite;
        outcomes[i] = options.signal?.aborted
          ? failure('HRS_TARGET_WRITE_FAILED', 'cancelled before it was sent to the directory', true)
          : await this.#one(write);
        done++;
        options.onProgress?.({ done, total: writes.length });
      }
    };
    const lanes = Math.max(1, Math.min(this.#settings.concurrency ?? 4, writes.length));
    await Promise.all(Array.from({ length: lanes }, worker));
    return outcomes;
  }

  async #one(write: PlannedWrite): Promise<WriteOutcome> {
    try {
      switch (write.kind) {
        case 'create':
          return await this.#create(write);
        case 'update':
          await this.#update(write.accountId, write.changes);
          return { ok: true, accountId: write.accountId };
        case 'enable':
        case 'disable':
          await this.#setEnabled(write.accountId, write.kind === 'enable');
          return { ok: true, accountId: write.accountId };
        case 'delete':
          await this.#conn.run((c) => c.del(guidDn(write.accountId)), { idempotent: false });
          return { ok: true, accountId: write.accountId };
        case 'set-manager':
          return await this.#setManager(write);
        case 'write-back':
          return { ok: true, accountId: null };
        case 'add-to-group':
        case 'remove-from-group':
        case 'assign-licences':
          return await applyGroupWrite(this.#conn, write);
      }
    } catch (error) {
      const f = classifyLdapError(error);
      // Repeating an update or a move is harmless; only a create needs re-matching first.
      return failure(f.code, f.message, f.retryable, f.ambiguous && write.kind === 'create');
    }
  }

  async #create(write: Extract<PlannedWrite, { kind: 'create' }>): Promise<WriteOutcome> {
    const attrs = write.attributes;
    const parent =
      typeof attrs[PARENT] === 'string' && attrs[PARENT] !== '' ? attrs[PARENT] : this.#settings.container;
    const cn = String(attrs[CN] ?? attrs.displayName ?? attrs.sAMAccountName ?? write.employeeNumber);
    const dn = userDn(cn, parent);
    const entry: Record<string, string[]> = {
      objectClass: USER_CLASSES,
      userAccountControl: [String(UAC_NEW_USER)],
    };
    for (const [name, value] of Object.entries(attrs)) {
      if (NOT_MODIFIED.has(name) || name === 'objectClass' || name === 'userAccountControl') continue;
      const values = ldapValues(name, value);
      if (values.length > 0) entry[name] = values;
    }
    // Not idempotent: after a lost connection the add may have happened (the engine re-matches).
    await this.#conn.run((c) => c.add(dn, entry), { idempotent: false });
    const client = await this.#conn.client();
    const accountId = await guidOfDn(client, dn);
    try {
      const password = initialPassword([
        String(attrs.sAMAccountName ?? ''),
        String(attrs.displayName ?? ''),
        cn,
      ]);
      await client.modify(dn, replace('unicodePwd', [unicodePwd(password)]));
      if (this.#settings.mustChangePassword) await client.modify(dn, replace('pwdLastSet', ['0']));
      if (write.enabled)
        await client.modify(dn, replace('userAccountControl', [String(withEnabled(UAC_NEW_USER, true))]));
    } catch (error) {
      const f = classifyLdapError(error);
      try {
        await client.del(dn);
      } catch {
        // The account stays, disabled: report the create as maybe-done so it is re-matched, not repeated.
        return failure(
          f.code,
          `${f.message}; the new account ${dn} could not be removed again`,
          f.retryable,
          true,
        );
      }
      return failure(f.code, `${f.message}; the new account was removed again`, f.retryable, false);
    }
    return { ok: true, accountId };
  }

  async #update(accountId: string, changes: readonly AttributeChange[]): Promise<void> {
    const modifications = changes
      .filter((c) => !NOT_MODIFIED.has(c.attribute))
      .map((c) => replace(c.attribute, ldapValues(c.attribute, c.new)));
    if (modifications.length > 0) {
      await this.#conn.run((c) => c.modify(guidDn(accountId), modifications), { idempotent: true });
    }
    const cn = changes.find((c) => c.attribute === CN);
    const parent = changes.find((c) => c.attribute === PARENT);
    if ((cn && typeof cn.new === 'string') || (parent && typeof parent.new === 'string')) {
      await this.#conn.run(
        async (c) => {
          const current = await dnOf(c, accountId);
          const now = splitDn(current);
          const newCn = cn && typeof cn.new === 'string' ? cn.new : rdnValue(current);
          const newParent = parent && typeof parent.new === 'string' ? parent.new : now.parent;
          const target = userDn(newCn, newParent);
          if (target !== current) await c.modifyDN(guidDn(accountId), target);
        },
        { idempotent: true },
      );
    }
  }

  async #setEnabled(accountId: string, enabled: boolean): Promise<void> {
    await this.#conn.run(
      async (c) => {
        const { searchEntries } = await c.search(guidDn(accountId), {
          scope: 'base',
          attributes: ['userAccountControl'],
        });
        const uac = Number(searchEntries[0]?.userAccountControl ?? UAC_NEW_USER);
        const next = withEnabled(uac, enabled);
        if (next !== uac) await c.modify(guidDn(accountId), replace('userAccountControl', [String(next)]));
      },
      { idempotent: true },
    );
  }

  async #setManager(write: Extract<PlannedWrite, { kind: 'set-manager' }>): Promise<WriteOutcome> {
    const accountId = write.accountId;
    if (accountId === null) {
      return failure(
        'HRS_TARGET_WRITE_FAILED',
        'the account was not created, so its manager cannot be set',
        false,
      );
    }
    await this.#conn.run(
      async (c) => {
        // The manager's DN as it is now: still right after the manager was renamed or moved.
        const values = write.managerAccountId === null ? [] : [await dnOf(c, write.managerAccountId)];
        await c.modify(guidDn(accountId), replace(MANAGER, values));
      },
      { idempotent: true },
    );
    return { ok: true, accountId };
  }
}

function replace(type: string, values: string[] | Buffer[]): Change {
  return new Change({ operation: 'replace', modification: new Attribute({ type, values }) });
}

function failure(code: string, message: string, retryable: boolean, ambiguous = false): WriteOutcome {
  return { ok: false, code, message, retryable, ambiguous };
}

async function dnOf(client: Client, accountId: string): Promise<string> {
  const { searchEntries } = await client.search(guidDn(accountId), { scope: 'base', attributes: ['1.1'] });
  const dn = searchEntries[0]?.dn;
  if (!dn) throw Object.assign(new Error(`account ${accountId} was not found`), { code: 32 });
  return dn;
}

async function guidOfDn(client: Client, dn: string): Promise<string> {
  const { searchEntries } = await client.search(dn, {
    scope: 'base',
    attributes: ['objectGUID'],
    explicitBufferAttributes: ['objectGUID'],
  });
  const raw = searchEntries[0]?.objectGUID;
  if (!Buffer.isBuffer(raw)) throw new Error(`the new account ${dn} has no objectGUID`);
  return guidToString(raw);
}
