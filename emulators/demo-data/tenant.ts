/**
 * The Microsoft 365 side: domains, licences, a few groups and every account, HR-owned or not.
 */

import { SKU } from './account-record.ts';
import { AddressBook } from './addresses.ts';
import { buildCloudOnlyAccounts } from './cloud-only.ts';
import type { Day } from './local-date.ts';
import type { DemoPerson } from './model.ts';
import { buildPersonAccounts, type PersonAccounts } from './person-accounts.ts';
import { primaryEmployment } from './primary-employment.ts';
import type { DemoProportions } from './proportions.ts';
import type { Random } from './random.ts';
import type {
  DemoAccountKind,
  GraphDomainRecord,
  GraphGroupRecord,
  GraphSkuRecord,
  TenantDataset,
} from './types.ts';

/** Every tenant has at least these cloud-only accounts when any are wanted (admin, info@, …). */
const MIN_CLOUD_ONLY = 7;

export interface TenantInput {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domain: string;
  readonly initialDomain: string;
  readonly unverifiedDomain: string;
  readonly persons: readonly DemoPerson[];
  readonly today: Day;
  readonly proportions: DemoProportions;
  readonly jobTitles: readonly string[];
  readonly unitNames: readonly string[];
  readonly divisions: readonly string[];
  readonly random: (stream: string) => Random;
}

export interface BuiltTenant {
  readonly tenant: TenantDataset;
  readonly kinds: Map<string, DemoAccountKind>;
  readonly personAccounts: PersonAccounts;
  readonly cloudOnly: string[];
}

export function buildTenant(input: TenantInput): BuiltTenant {
  const { persons, today, proportions: p, random } = input;
  const book = new AddressBook();
  const personAccounts = buildPersonAccounts({
    persons,
    today,
    domain: input.domain,
    proportions: p,
    random: random('accounts'),
    ids: random('account-ids'),
    book,
    jobTitles: input.jobTitles,
    unitNames: input.unitNames,
  });
  const wanted = Math.round(persons.length * p.cloudOnlyAccounts);
  const cloud = buildCloudOnlyAccounts({
    count: p.cloudOnlyAccounts > 0 ? Math.max(MIN_CLOUD_ONLY, wanted) : 0,
    domain: input.domain,
    initialDomain: input.initialDomain,
    today,
    random: random('cloud-only'),
    ids: random('cloud-only-ids'),
    book,
  });
  const kinds = new Map(personAccounts.kinds);
  cloud.users.forEach((user, i) => {
    kinds.set(user.id, cloud.kinds[i]!);
  });
  const users = [...personAccounts.users, ...cloud.users];

  const domains: GraphDomainRecord[] = [
    { id: input.domain, isVerified: true, isDefault: true },
    { id: input.initialDomain, isVerified: true, isDefault: false },
    { id: input.unverifiedDomain, isVerified: false, isDefault: false },
  ];
  const groups = buildGroups(input, users, kinds, random('group-ids'));
  return {
    tenant: {
      tenantId: input.tenantId,
      displayName: input.displayName,
      domains,
      users,
      groups,
      subscribedSkus: subscribedSkus(users, persons.length),
    },
    kinds,
    personAccounts,
    cloudOnly: cloud.users.map((u) => u.id),
  };
}

function buildGroups(
  input: TenantInput,
  users: TenantDataset['users'],
  kinds: ReadonlyMap<string, DemoAccountKind>,
  ids: Random,
): GraphGroupRecord[] {
  const enabled = new Set(users.filter((u) => u.accountEnabled).map((u) => u.id));
  const everyone: string[] = [];
  const managers: string[] = [];
  const byDivision = new Map<string, string[]>(input.divisions.map((d) => [d, []]));
  for (const person of input.persons) {
    const id = person.account?.id;
    if (id === undefined || !enabled.has(id)) continue;
    everyone.push(id);
    if (person.manages !== null) managers.push(id);
    const division = primaryEmployment(person, input.today)?.unit.division?.name;
    if (division !== undefined) byDivision.get(division)?.push(id);
  }
  const admins = users.filter((u) => kinds.get(u.id) === 'admin').map((u) => u.id);
  return [
    { id: ids.guid(), displayName: 'Alle medewerkers', members: everyone },
    { id: ids.guid(), displayName: 'Leidinggevenden', members: managers },
    { id: ids.guid(), displayName: 'Beheerders', members: admins },
    ...[...byDivision].map(([division, members]) => ({
      id: ids.guid(),
      displayName: `Divisie ${division}`,
      members,
    })),
  ];
}

/** Enough Microsoft 365 E3 for every person, so creating all joiners never runs out of licences. */
function subscribedSkus(users: TenantDataset['users'], persons: number): GraphSkuRecord[] {
  const consumed = new Map<string, number>();
  for (const user of users)
    for (const licence of user.assignedLicenses ?? [])
      consumed.set(licence.skuId, (consumed.get(licence.skuId) ?? 0) + 1);
  const sku = (skuPartNumber: keyof typeof SKU, atLeast: number): GraphSkuRecord => {
    const used = consumed.get(SKU[skuPartNumber]) ?? 0;
    const headroom = Math.max(5, Math.ceil(used * 0.05));
    return {
      skuId: SKU[skuPartNumber],
      skuPartNumber,
      prepaidUnits: { enabled: Math.max(used + headroom, atLeast) },
      consumedUnits: used,
    };
  };
  return [sku('SPE_E3', Math.ceil(persons * 1.1) + 5), sku('ENTERPRISEPACK', 0), sku('SPE_F1', 0)];
}
