/**
 * Every address and alias already in the tenant, so each new account gets a free one the way an
 * administrator (or HelloID, or hrsync) would pick it: the preferred form first, then fall-backs, then
 * a number. One map for UPNs, mail and proxy addresses because Entra treats them as one namespace.
 */
import { toLocalPart } from './names/ascii.ts';
import { familyForAccount, type PersonName } from './names/compose.ts';

export class AddressBook {
  /** domain → local part → owner; split so the hot path never builds an address string */
  private readonly owners = new Map<string, Map<string, string>>();
  private readonly nicknames = new Set<string>();
  /** Where the numbered search for a base left off, so common names do not rescan 2, 3, … each time. */
  private readonly nextNumber = new Map<string, number>();

  private domainOwners(domain: string): Map<string, string> {
    const key = domain.toLowerCase();
    let map = this.owners.get(key);
    if (!map) {
      map = new Map();
      this.owners.set(key, map);
    }
    return map;
  }

  /** Who holds an address (case-insensitive), if anyone. */
  ownerOf(address: string): string | undefined {
    const at = address.lastIndexOf('@');
    return this.owners.get(address.slice(at + 1).toLowerCase())?.get(address.slice(0, at).toLowerCase());
  }

  isFree(localPart: string, domain: string): boolean {
    const local = localPart.toLowerCase();
    return !this.nicknames.has(local) && !this.owners.get(domain.toLowerCase())?.has(local);
  }

  hold(address: string, owner: string): void {
    const at = address.lastIndexOf('@');
    this.domainOwners(address.slice(at + 1)).set(address.slice(0, at).toLowerCase(), owner);
  }

  holdNickname(nickname: string): void {
    this.nicknames.add(nickname.toLowerCase());
  }

  /**
   * The first free local part: the candidates in order, then the first candidate with 2, 3, …
   * Holds the address and the alias for `owner`.
   */
  claim(candidates: readonly string[], domain: string, owner: string): string {
    const usable = candidates.filter((c) => c !== '');
    let chosen = usable.find((c) => this.isFree(c, domain));
    if (chosen === undefined) {
      const base = usable[0] ?? 'user';
      let n = this.nextNumber.get(`${base}@${domain}`) ?? 2;
      while (!this.isFree(`${base}${n}`, domain)) n++;
      chosen = `${base}${n}`;
      this.nextNumber.set(`${base}@${domain}`, n + 1);
    }
    this.domainOwners(domain).set(chosen.toLowerCase(), owner);
    this.holdNickname(chosen);
    return chosen;
  }
}

/**
 * The local parts HR-driven provisioning tries for a person, in the order hrsync's default
 * uniqueness settings use: calling name, initials, first letter, each with prefix + birth name.
 */
export function personLocalParts(name: PersonName): string[] {
  const family = familyForAccount(name);
  const parts = [
    toLocalPart(`${name.callingName}.${family}`),
    toLocalPart(`${name.initials}.${family}`),
    toLocalPart(`${name.callingName.charAt(0)}.${family}`),
  ];
  return [...new Set(parts)].filter((p) => p !== '');
}

/** The address a person would get in an empty tenant, e.g. `jan.vandenberg`. */
export function obviousLocalPart(name: PersonName): string {
  return personLocalParts(name)[0] ?? 'user';
}

/** The older convention some tenants started with: first letter glued to the surname (`jvandenberg`). */
export function legacyLocalPart(name: PersonName): string {
  return toLocalPart(`${name.callingName.charAt(0)}${familyForAccount(name)}`);
}
