import { addressKey } from '../../demo-data/tenant-uniqueness.ts';
import type { UserEntity } from './entities.ts';

export interface UniquenessConflict {
  /** The property Graph names in its ObjectConflict error. */
  readonly property: 'userPrincipalName' | 'mailNickname' | 'proxyAddresses';
  readonly id: string;
}

/**
 * Case-insensitive indexes over every user that still exists (active or soft-deleted): unique
 * values (UPN, alias, e-mail addresses) for conflict checks, and lookups for `$filter` planning.
 */
export class UserIndexes {
  readonly #upn = new Map<string, string>();
  readonly #nickname = new Map<string, string>();
  readonly #address = new Map<string, string>();
  readonly #employeeId = new Map<string, Set<string>>();

  add(user: UserEntity): void {
    this.#upn.set(user.userPrincipalName.toLowerCase(), user.id);
    this.#nickname.set(user.mailNickname.toLowerCase(), user.id);
    for (const key of addressKeys(user)) this.#address.set(key, user.id);
    if (typeof user.employeeId === 'string') {
      const key = user.employeeId.toLowerCase();
      const ids = this.#employeeId.get(key) ?? new Set<string>();
      ids.add(user.id);
      this.#employeeId.set(key, ids);
    }
  }

  remove(user: UserEntity): void {
    deleteIfOwned(this.#upn, user.userPrincipalName.toLowerCase(), user.id);
    deleteIfOwned(this.#nickname, user.mailNickname.toLowerCase(), user.id);
    for (const key of addressKeys(user)) deleteIfOwned(this.#address, key, user.id);
    if (typeof user.employeeId === 'string') {
      const ids = this.#employeeId.get(user.employeeId.toLowerCase());
      ids?.delete(user.id);
      if (ids?.size === 0) this.#employeeId.delete(user.employeeId.toLowerCase());
    }
  }

  idForUpn(upn: string): string | undefined {
    return this.#upn.get(upn.toLowerCase());
  }

  lookup(property: 'userPrincipalName' | 'employeeId' | 'mail' | 'proxyAddresses', value: string): string[] {
    const lower = value.toLowerCase();
    switch (property) {
      case 'userPrincipalName':
        return optional(this.#upn.get(lower));
      case 'employeeId':
        return [...(this.#employeeId.get(lower) ?? [])];
      case 'mail':
        return optional(this.#address.get(`smtp:${lower}`));
      case 'proxyAddresses':
        return optional(this.#address.get(addressKey(value)));
    }
  }

  conflict(candidate: Partial<UserEntity>, exceptId?: string): UniquenessConflict | undefined {
    const owner = (map: Map<string, string>, key: string) => {
      const id = map.get(key);
      return id !== undefined && id !== exceptId ? id : undefined;
    };
    if (typeof candidate.userPrincipalName === 'string') {
      const id = owner(this.#upn, candidate.userPrincipalName.toLowerCase());
      if (id) return { property: 'userPrincipalName', id };
    }
    if (typeof candidate.mailNickname === 'string') {
      const id = owner(this.#nickname, candidate.mailNickname.toLowerCase());
      if (id) return { property: 'mailNickname', id };
    }
    for (const key of addressKeys(candidate)) {
      const id = owner(this.#address, key);
      if (id) return { property: 'proxyAddresses', id };
    }
    return undefined;
  }
}

function addressKeys(user: Partial<UserEntity>): Set<string> {
  const keys = new Set<string>();
  if (typeof user.mail === 'string') keys.add(addressKey(user.mail));
  for (const address of user.proxyAddresses ?? []) keys.add(addressKey(address));
  return keys;
}

function deleteIfOwned(map: Map<string, string>, key: string, id: string): void {
  if (map.get(key) === id) map.delete(key);
}

function optional(id: string | undefined): string[] {
  return id === undefined ? [] : [id];
}
