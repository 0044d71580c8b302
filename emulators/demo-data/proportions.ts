/**
 * How the demo company is mixed. Every value is a share between 0 and 1. Lifecycle shares are of all
 * persons (the rest are current employees); the others are of the group named in their comment.
 * Lifecycle kinds and account scenarios are drawn as exact counts (rounded) so that even a small
 * company has the designed cases; per-person traits are independent draws.
 */
export interface DemoProportions {
  /** Started in the last two weeks (or today) and have no account yet. */
  readonly joiners: number;
  /** Start later than today; they have no account yet. */
  readonly futureStarters: number;
  /** Of future starters: start within 14 days (the usual lead time for a new account). */
  readonly futureStartersWithin14Days: number;
  /** Have an end date: in the last 90 days, long ago, or within the next 30 days. */
  readonly leavers: number;
  /** Of leavers: ended more than 90 days ago. */
  readonly leaversLongAgo: number;
  /** Of leavers: end within the next 30 days (still employed today). */
  readonly leaversUpcoming: number;
  /** An old ended contract and a new one after a gap. */
  readonly rehires: number;
  /** Of current employees, leavers and rehires: already have a Microsoft 365 account. */
  readonly existingAccounts: number;
  /** Of accounts of leavers that ended (not upcoming): already disabled. */
  readonly leaverAccountsDisabled: number;
  /** Of long-ago leavers' accounts: already deleted (no account left). */
  readonly leaverAccountsDeleted: number;
  /** Of all persons: employees with two or three concurrent part-time jobs. */
  readonly multipleEmployments: number;
  /** Of current employees: current function started after the contract did. */
  readonly functionChanges: number;
  /** Of those with a function change: the earlier function is still a row (ended). */
  readonly functionHistory: number;
  /** Of single-job employees: work part-time (FTE < 1). */
  readonly partTime: number;
  /** Of all persons: married or partnered, with a partner name and a name-use code. */
  readonly partners: number;
  /** Of all persons: account without employeeId that matches on the UPN only. */
  readonly unlinkedByUpn: number;
  /** Of all persons: account without employeeId that matches on the mail address only. */
  readonly unlinkedByMail: number;
  /** Of all persons: two accounts share the person's employeeId or mail address. */
  readonly duplicates: number;
  /** Of joiners and future starters: their obvious UPN is already held by another account. */
  readonly joinerUpnTaken: number;
  /** Of linked enabled accounts: job title or department lags behind AFAS (a mover). */
  readonly staleAttributes: number;
  /** Of linked accounts of current employees: account disabled although the person works here. */
  readonly disabledWhileActive: number;
  /** Of linked accounts: manager reference already set in the tenant. */
  readonly managerOnAccount: number;
  /** Of all persons: cloud-only accounts HR does not own (admins, service, shared, guests, externals). */
  readonly cloudOnlyAccounts: number;
  /** Of persons with an account: AFAS already holds the work e-mail (written back). */
  readonly emailWrittenBack: number;
  /** Of all persons: have an AFAS Profit user (InSite etc.). */
  readonly profitUsers: number;
  readonly workPhones: number;
  readonly mobilePhones: number;
}

export const DEFAULT_PROPORTIONS: DemoProportions = Object.freeze({
  joiners: 0.05,
  futureStarters: 0.03,
  futureStartersWithin14Days: 0.5,
  leavers: 0.05,
  leaversLongAgo: 0.3,
  leaversUpcoming: 0.2,
  rehires: 0.01,
  existingAccounts: 1,
  leaverAccountsDisabled: 0.5,
  leaverAccountsDeleted: 0.3,
  multipleEmployments: 0.04,
  functionChanges: 0.15,
  functionHistory: 0.3,
  partTime: 0.35,
  partners: 0.3,
  unlinkedByUpn: 0.01,
  unlinkedByMail: 0.01,
  duplicates: 0.01,
  joinerUpnTaken: 0.3,
  staleAttributes: 0.05,
  disabledWhileActive: 0.005,
  managerOnAccount: 0.8,
  cloudOnlyAccounts: 0.02,
  emailWrittenBack: 0.9,
  profitUsers: 0.6,
  workPhones: 0.5,
  mobilePhones: 0.7,
});

/** A tenant with no HR-owned accounts at all: every current employee is a create. */
export const NO_EXISTING_ACCOUNTS: Partial<DemoProportions> = Object.freeze({
  existingAccounts: 0,
  unlinkedByUpn: 0,
  unlinkedByMail: 0,
  duplicates: 0,
  joinerUpnTaken: 0,
  cloudOnlyAccounts: 0,
});

/** A tenant already in step with AFAS: no joiners, movers, duplicates or collisions. */
export const STEADY_STATE: Partial<DemoProportions> = Object.freeze({
  joiners: 0,
  futureStarters: 0,
  leavers: 0,
  rehires: 0,
  unlinkedByUpn: 0,
  unlinkedByMail: 0,
  duplicates: 0,
  joinerUpnTaken: 0,
  staleAttributes: 0,
  disabledWhileActive: 0,
  managerOnAccount: 1,
});

export function resolveProportions(overrides: Partial<DemoProportions> = {}): DemoProportions {
  const merged: DemoProportions = { ...DEFAULT_PROPORTIONS, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (!(key in DEFAULT_PROPORTIONS)) throw new RangeError(`unknown proportion "${key}"`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      throw new RangeError(`proportion "${key}" must be a number from 0 to 1, got ${String(value)}`);
  }
  const lifecycle = merged.joiners + merged.futureStarters + merged.leavers + merged.rehires;
  if (lifecycle > 1)
    throw new RangeError(`joiners + futureStarters + leavers + rehires must not exceed 1, got ${lifecycle}`);
  if (merged.leaversLongAgo + merged.leaversUpcoming > 1)
    throw new RangeError('leaversLongAgo + leaversUpcoming must not exceed 1');
  const accountScenarios = merged.unlinkedByUpn + merged.unlinkedByMail + merged.duplicates;
  if (accountScenarios > 1)
    throw new RangeError('unlinkedByUpn + unlinkedByMail + duplicates must not exceed 1');
  return Object.freeze(merged);
}
