import type { Day } from './local-date.ts';
import type { DemoPerson } from './model.ts';
import type { DemoProportions } from './proportions.ts';
import type { BuiltTenant } from './tenant.ts';
import type { DemoAccountKind, DemoLifecycleKind, DemoManifest } from './types.ts';

const LIFECYCLE_KINDS: readonly DemoLifecycleKind[] = [
  'employee',
  'joiner',
  'future-starter',
  'leaver',
  'rehire',
];
export const ACCOUNT_KINDS: readonly DemoAccountKind[] = [
  'linked',
  'unlinked-upn',
  'unlinked-mail',
  'duplicate-employee-id',
  'duplicate-mail',
  'upn-taken',
  'admin',
  'service',
  'shared-mailbox',
  'guest',
  'external',
];

export interface ManifestInput {
  readonly options: DemoManifest['options'];
  readonly proportions: DemoProportions;
  readonly persons: readonly DemoPerson[];
  readonly today: Day;
  readonly orgUnits: number;
  readonly built: BuiltTenant;
}

export function buildManifest(input: ManifestInput): DemoManifest {
  const { persons, built, today } = input;
  const numbers = (keep: (p: DemoPerson) => boolean) => persons.filter(keep).map((p) => p.employeeNumber);
  const lifecycle = Object.fromEntries(LIFECYCLE_KINDS.map((k) => [k, 0])) as Record<
    DemoLifecycleKind,
    number
  >;
  for (const p of persons) lifecycle[p.kind]++;
  const accounts = Object.fromEntries(ACCOUNT_KINDS.map((k) => [k, 0])) as Record<DemoAccountKind, number>;
  for (const kind of built.kinds.values()) accounts[kind]++;
  const { personAccounts } = built;
  return {
    options: input.options,
    proportions: { ...input.proportions },
    counts: {
      persons: persons.length,
      employments: persons.reduce((sum, p) => sum + p.employments.length, 0),
      orgUnits: input.orgUnits,
      lifecycle,
      accounts,
      disabledAccounts: built.tenant.users.filter((u) => !u.accountEnabled).length,
    },
    persons: {
      joiners: numbers((p) => p.kind === 'joiner'),
      futureStarters: numbers((p) => p.kind === 'future-starter'),
      futureStartersWithin14Days: numbers(
        (p) => p.kind === 'future-starter' && (p.employments[0]?.functionStart ?? 0) <= today + 14,
      ),
      leaversRecent: numbers((p) => p.leaverTiming === 'recent'),
      leaversLongAgo: numbers((p) => p.leaverTiming === 'long-ago'),
      leaversUpcoming: numbers((p) => p.leaverTiming === 'upcoming'),
      rehires: numbers((p) => p.kind === 'rehire'),
      multipleEmployments: numbers(
        (p) => new Set(p.employments.map((e) => e.contract)).size > 1 && p.kind !== 'rehire',
      ),
      functionHistory: numbers((p) => p.employments.some((e) => e.line > 1)),
      managers: numbers((p) => p.manages !== null),
      partnerNames: numbers((p) => p.name.partnerName !== null),
      staleAttributes: personAccounts.staleAttributes,
      disabledWhileActive: personAccounts.disabledWhileActive,
      leaversStillEnabled: personAccounts.leaversStillEnabled,
    },
    accounts: { ...personAccounts.accounts, cloudOnly: built.cloudOnly },
  };
}
