/**
 * A read's accounts split into the pages the agent posts: at most READ_PAGE_SIZE accounts each, and —
 * when the service said how large a page's request body may be — at most that many bytes, counted as
 * the body is sent (`{"seq":N,"data":[…]}`). An entry with large attributes (a photo, hundreds of group
 * memberships) would otherwise make a page the service refuses (413) every time it is sent again.
 */
import type { Account } from '../core/index.ts';
import { userDn } from '../targets/ldap/dn.ts';
import { READ_PAGE_SIZE } from '../targets/remote/index.ts';

export type ReadPages =
  | { readonly ok: true; readonly pages: readonly (readonly Account[])[] }
  | { readonly ok: false; readonly message: string };

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** A size for a message: `4 MiB (4,194,304 bytes)`, `64 KiB (65,536 bytes)`. */
export function inBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MiB', 1024 * 1024] : ['KiB', 1024];
  return `${Number((bytes / size).toFixed(2))} ${unit} (${bytes.toLocaleString('en')} bytes)`;
}

/** How the entry is known in the directory: its DN when the read has it (or its parent and cn), its id. */
function entryName(account: Account): string {
  const a = account.attributes;
  const dn =
    typeof a.distinguishedName === 'string'
      ? a.distinguishedName
      : typeof a.cn === 'string' && typeof a.parentDistinguishedName === 'string'
        ? userDn(a.cn, a.parentDistinguishedName)
        : null;
  return dn === null ? account.id : `${dn} (id ${account.id})`;
}

function largestAttribute(account: Account): string {
  let name = '';
  let bytes = -1;
  for (const [attribute, value] of Object.entries(account.attributes)) {
    const size = utf8(value ?? null);
    if (size > bytes) [name, bytes] = [attribute, size];
  }
  return bytes < 0 ? '' : `; its largest attribute is ${name} (${bytes.toLocaleString('en')} bytes)`;
}

/** `pageBytes` null: the service did not say (one older than agents that split by size). */
export function readPages(accounts: readonly Account[], pageBytes: number | null): ReadPages {
  const pages: Account[][] = [];
  let page: Account[] = [];
  // The page's accounts as sent: their JSON and the commas between them.
  let bytes = 0;
  // The body's bytes besides its accounts: `{"seq":N,"data":[]}`.
  const envelope = () => utf8({ seq: pages.length, data: [] });
  for (const account of accounts) {
    const size = utf8(account);
    const full =
      page.length >= READ_PAGE_SIZE || (pageBytes !== null && envelope() + bytes + 1 + size > pageBytes);
    if (page.length > 0 && full) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    if (page.length === 0 && pageBytes !== null && envelope() + size > pageBytes) {
      return {
        ok: false,
        message: `The directory entry ${entryName(account)} alone takes ${inBytes(size)} as JSON, more than the ${inBytes(pageBytes)} the service takes in one page of a read${largestAttribute(account)}. The read was not sent. If hrsync need not read that attribute, leave it out of the connection's mappings; otherwise make the entry smaller.`,
      };
    }
    bytes += (page.length > 0 ? 1 : 0) + size;
    page.push(account);
  }
  if (page.length > 0) pages.push(page);
  return { ok: true, pages };
}
