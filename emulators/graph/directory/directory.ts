import { userClash } from '../../demo-data/tenant-uniqueness.ts';
import type {
  GraphDirectoryRoleRecord,
  GraphDomainRecord,
  GraphGroupRecord,
  GraphSkuRecord,
  GraphUserRecord,
  TenantDataset,
} from '../../demo-data/types.ts';
import { type DeletedUser, type DeltaChange, graphDateTime, type UserEntity } from './entities.ts';
import { type UniquenessConflict, UserIndexes } from './user-indexes.ts';

export interface DirectorySnapshot extends TenantDataset {
  readonly deletedUsers: readonly (GraphUserRecord & { deletedDateTime: string })[];
}

/**
 * The tenant's directory in memory. Users keep one stable order (creation order) so paging with a
 * position token is cheap and consistent; every change bumps a sequence number that delta reads.
 * Soft-deleted users keep their UPN, alias and addresses reserved, as Entra does.
 */
export class Directory {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domains: readonly GraphDomainRecord[];
  readonly groups = new Map<string, GraphGroupRecord>();
  readonly skus = new Map<string, GraphSkuRecord>();
  /** Activated administrator roles and their members (user ids, lower case). */
  directoryRoles: readonly GraphDirectoryRoleRecord[];
  /** Licences users hold through a group (group-based licensing): user id → SKU id → group ids. */
  readonly groupLicences = new Map<string, Map<string, Set<string>>>();
  readonly #active = new Map<string, UserEntity>();
  readonly #deleted = new Map<string, DeletedUser>();
  readonly #order: string[] = [];
  readonly #position = new Map<string, number>();
  readonly #version = new Map<string, number>();
  readonly #purged = new Set<string>();
  readonly #indexes = new UserIndexes();
  #seq = 0;

  constructor(
    dataset: TenantDataset,
    private readonly now: () => number,
  ) {
    this.tenantId = dataset.tenantId.toLowerCase();
    this.displayName = dataset.displayName;
    this.domains = dataset.domains.map((domain) => ({ ...domain }));
    for (const group of dataset.groups)
      this.groups.set(group.id.toLowerCase(), {
        ...group,
        members: group.members.map((m) => m.toLowerCase()),
      });
    this.directoryRoles = (dataset.directoryRoles ?? []).map((r) => ({
      ...r,
      members: r.members.map((m) => m.toLowerCase()),
    }));
    for (const sku of dataset.subscribedSkus)
      this.skus.set(sku.skuId.toLowerCase(), { ...sku, prepaidUnits: { ...sku.prepaidUnits } });
    // Said with both users' places; a --data file is checked the same way where it is read.
    const clash = userClash(dataset.users, 'users');
    if (clash !== undefined) throw new Error(`Dataset ${clash}`);
    for (const user of dataset.users) this.addUser(structuredClone(user) as UserEntity);
  }

  get userCount(): number {
    return this.#active.size;
  }

  get deletedCount(): number {
    return this.#deleted.size;
  }

  get sequence(): number {
    return this.#seq;
  }

  /** The tenant segment of a token URL: the tenant id or one of its verified domains. */
  matchesTenant(segment: string): boolean {
    const lower = segment.toLowerCase();
    return lower === this.tenantId || this.domains.some((d) => d.isVerified && d.id.toLowerCase() === lower);
  }

  isVerifiedDomain(domain: string): boolean {
    const lower = domain.toLowerCase();
    return this.domains.some((d) => d.isVerified && d.id.toLowerCase() === lower);
  }

  /** An active user by object id or userPrincipalName. */
  findUser(idOrUpn: string): UserEntity | undefined {
    const byId = this.#active.get(idOrUpn.toLowerCase());
    if (byId) return byId;
    const id = this.#indexes.idForUpn(idOrUpn);
    return id === undefined ? undefined : this.#active.get(id);
  }

  findDeleted(id: string): DeletedUser | undefined {
    return this.#deleted.get(id.toLowerCase());
  }

  deletedUsers(): IterableIterator<DeletedUser> {
    return this.#deleted.values();
  }

  /** Active users from a position in the stable order, with their position (for paging). */
  *activeFrom(position: number): Generator<[number, UserEntity]> {
    for (let i = position; i < this.#order.length; i++) {
      const user = this.#active.get(this.#order[i]!);
      if (user) yield [i, user];
    }
  }

  positionOf(id: string): number | undefined {
    return this.#position.get(id);
  }

  /** Candidate ids from an index, for filters that pin an indexed property to a value. */
  candidates(property: 'id' | 'userPrincipalName' | 'employeeId' | 'mail' | 'proxyAddresses', value: string) {
    const ids = property === 'id' ? [value.toLowerCase()] : this.#indexes.lookup(property, value);
    return ids.map((id) => this.#active.get(id)).filter((u): u is UserEntity => u !== undefined);
  }

  /** The first object (active or soft-deleted, other than `exceptId`) already holding a unique value. */
  conflict(candidate: Partial<UserEntity>, exceptId?: string): UniquenessConflict | undefined {
    return this.#indexes.conflict(candidate, exceptId);
  }

  addUser(user: UserEntity): void {
    user.id = user.id.toLowerCase();
    if (typeof user.managerId === 'string') user.managerId = user.managerId.toLowerCase();
    // A dataset may give only `mail`; Entra would hold it as the primary SMTP address too.
    if (typeof user.mail === 'string' && user.proxyAddresses === undefined)
      user.proxyAddresses = [`SMTP:${user.mail}`];
    user.createdDateTime ??= graphDateTime(this.now());
    this.#active.set(user.id, user);
    this.#position.set(user.id, this.#order.length);
    this.#order.push(user.id);
    this.#indexes.add(user);
    this.#bump(user.id);
  }

  /** Applies already-validated property changes and re-indexes. */
  updateUser(user: UserEntity, changes: Readonly<Record<string, unknown>>): void {
    this.#indexes.remove(user);
    Object.assign(user, changes);
    this.#indexes.add(user);
    this.#bump(user.id);
  }

  /** Records a change that is not a property (manager, licence) so delta reports the user. */
  touch(user: UserEntity): void {
    this.#bump(user.id);
  }

  softDelete(user: UserEntity): DeletedUser {
    this.#active.delete(user.id);
    const deleted = { user, deletedDateTime: graphDateTime(this.now()) };
    this.#deleted.set(user.id, deleted);
    this.#bump(user.id);
    return deleted;
  }

  restore(deleted: DeletedUser): UserEntity {
    this.#deleted.delete(deleted.user.id);
    this.#active.set(deleted.user.id, deleted.user);
    this.#bump(deleted.user.id);
    return deleted.user;
  }

  purge(deleted: DeletedUser): void {
    const { user } = deleted;
    this.#deleted.delete(user.id);
    this.#indexes.remove(user);
    this.#purged.add(user.id);
    for (const group of this.groups.values()) group.members = group.members.filter((m) => m !== user.id);
    for (const license of user.assignedLicenses ?? []) {
      const sku = this.skus.get(license.skuId);
      if (sku) sku.consumedUnits = Math.max(0, sku.consumedUnits - 1);
    }
    this.#bump(user.id);
  }

  /** Users changed after `sequence`, in stable order, each flagged when it is gone now. */
  changesSince(sequence: number): DeltaChange[] {
    const changes: DeltaChange[] = [];
    for (const id of this.#order) {
      if ((this.#version.get(id) ?? 0) <= sequence) continue;
      if (this.#active.has(id)) changes.push({ id });
      else if (this.#deleted.has(id)) changes.push({ id, removed: 'changed' });
      else if (this.#purged.has(id)) changes.push({ id, removed: 'deleted' });
    }
    return changes;
  }

  /** Gives a user an administrator role (what an admin does in the Entra admin center), or takes it. */
  setRoleMember(
    role: Pick<GraphDirectoryRoleRecord, 'roleTemplateId' | 'displayName'>,
    userId: string,
    member: boolean,
  ): void {
    const id = userId.toLowerCase();
    const existing = this.directoryRoles.find((r) => r.roleTemplateId === role.roleTemplateId);
    const members = (existing?.members ?? []).filter((m) => m !== id).concat(member ? [id] : []);
    const updated = { id: existing?.id ?? role.roleTemplateId, ...role, members };
    this.directoryRoles = [...this.directoryRoles.filter((r) => r !== existing), updated];
  }

  activeUser(id: string): UserEntity | undefined {
    return this.#active.get(id);
  }

  snapshot(): DirectorySnapshot {
    return {
      tenantId: this.tenantId,
      displayName: this.displayName,
      domains: this.domains,
      users: [...this.#active.values()].map((u) => structuredClone(u)),
      deletedUsers: [...this.#deleted.values()].map((d) => ({
        ...structuredClone(d.user),
        deletedDateTime: d.deletedDateTime,
      })),
      groups: [...this.groups.values()].map((g) => structuredClone(g)),
      subscribedSkus: [...this.skus.values()].map((s) => structuredClone(s)),
      directoryRoles: this.directoryRoles.map((r) => structuredClone(r)),
    };
  }

  #bump(id: string): void {
    this.#seq += 1;
    this.#version.set(id, this.#seq);
  }
}
