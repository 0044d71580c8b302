/**
 * A person's Entra user as hrsync's default mapping would have written it (displayName, surname per
 * name-use code, job title, department, …), so an untouched generated tenant is already in step with
 * AFAS and only the designed cases produce changes.
 */
import { amsterdamMidnightUtc, type Day, instantOn, parseDay } from './local-date.ts';
import type { DemoPerson, EmployeeType, EmploymentRecord } from './model.ts';
import { displayNameOf, surnameFor } from './names/compose.ts';
import type { Random } from './random.ts';
import type { GraphUserRecord } from './types.ts';

export const SKU = {
  SPE_E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  ENTERPRISEPACK: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  SPE_F1: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
} as const;

const EMPLOYEE_TYPE: Record<EmployeeType, string> = { I: 'Employee', E: 'Contractor', S: 'Intern' };

/** Entra's limits for the name properties. */
const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max).trimEnd());

/** Entra ID did not exist for most of the company's history; accounts were migrated from 2014 on. */
const FIRST_ACCOUNT_DAY = parseDay('2014-06-01');

export function createdInstant(random: Random, firstStart: Day, today: Day): string {
  const day = Math.min(
    today - 1,
    Math.max(firstStart - random.int(1, 14), FIRST_ACCOUNT_DAY + random.int(0, 400)),
  );
  return instantOn(day, random.int(7 * 3600, 17 * 3600));
}

export interface AccountShape {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly employeeId: string | null;
  readonly accountEnabled: boolean;
  /** the employment whose job, unit and employer the account shows */
  readonly employment: EmploymentRecord;
  readonly leaveDay: Day | null;
  readonly createdDateTime: string;
  readonly licence: string | null;
}

/**
 * hrsync's default hire date: the first start of the uninterrupted run of employments the shown one
 * belongs to (rows that touch — a start the day after an end — or overlap count as one).
 */
export function continuousStart(employments: readonly EmploymentRecord[], shown: EmploymentRecord): Day {
  const sorted = [...employments].sort((a, b) => a.functionStart - b.functionStart);
  let start = shown.functionStart;
  let periodStart = Number.NaN;
  let periodEnd: Day | null | undefined;
  for (const e of sorted) {
    const joins = periodEnd !== undefined && (periodEnd === null || e.functionStart <= periodEnd + 1);
    if (!joins) {
      periodStart = e.functionStart;
      periodEnd = e.functionEnd;
    } else if (periodEnd !== null && periodEnd !== undefined)
      periodEnd = e.functionEnd === null ? null : Math.max(periodEnd, e.functionEnd);
    if (e === shown) start = periodStart;
  }
  return start;
}

export function personAccount(person: DemoPerson, shape: AccountShape): GraphUserRecord {
  const { name } = person;
  const e = shape.employment;
  const nickname = (shape.mail ?? shape.userPrincipalName).split('@')[0]!;
  const proxies = shape.mail === null ? [] : [`SMTP:${shape.mail}`];
  if (shape.mail !== null && shape.userPrincipalName.toLowerCase() !== shape.mail.toLowerCase())
    proxies.push(`smtp:${shape.userPrincipalName}`);
  return {
    id: shape.id,
    userPrincipalName: shape.userPrincipalName,
    displayName: displayNameOf(name),
    mailNickname: nickname,
    accountEnabled: shape.accountEnabled,
    givenName: clip(name.callingName, 64),
    surname: clip(surnameFor(name), 64),
    mail: shape.mail,
    otherMails: [],
    proxyAddresses: proxies,
    employeeId: shape.employeeId,
    employeeType: EMPLOYEE_TYPE[e.employeeType],
    employeeHireDate: amsterdamMidnightUtc(continuousStart(person.employments, e)),
    employeeLeaveDateTime: shape.leaveDay === null ? null : amsterdamMidnightUtc(shape.leaveDay),
    jobTitle: e.job.description,
    department: clip(e.unit.name, 64),
    companyName: e.employer.name,
    officeLocation: e.unit.costCenter.name,
    usageLocation: 'NL',
    mobilePhone: person.mobilePhone,
    businessPhones: person.workPhone === null ? [] : [person.workPhone],
    preferredLanguage: 'nl-NL',
    onPremisesSyncEnabled: null,
    createdDateTime: shape.createdDateTime,
    managerId: null,
    assignedLicenses: shape.licence === null ? [] : [{ skuId: shape.licence, disabledPlans: [] }],
    userType: 'Member',
  };
}

export interface PlainAccount {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly mailNickname: string;
  readonly accountEnabled: boolean;
  readonly mail: string | null;
  readonly createdDateTime: string;
  readonly givenName?: string | null;
  readonly surname?: string | null;
  readonly otherMails?: string[];
  readonly employeeType?: string | null;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly companyName?: string | null;
  readonly licence?: string | null;
  readonly userType?: 'Member' | 'Guest';
}

/** An account HR does not own: same property order as a person's, HR fields empty. */
export function plainAccount(a: PlainAccount): GraphUserRecord {
  return {
    id: a.id,
    userPrincipalName: a.userPrincipalName,
    displayName: a.displayName,
    mailNickname: a.mailNickname,
    accountEnabled: a.accountEnabled,
    givenName: a.givenName ?? null,
    surname: a.surname ?? null,
    mail: a.mail,
    otherMails: a.otherMails ?? [],
    proxyAddresses: a.mail === null ? [] : [`SMTP:${a.mail}`],
    employeeId: null,
    employeeType: a.employeeType ?? null,
    employeeHireDate: null,
    employeeLeaveDateTime: null,
    jobTitle: a.jobTitle ?? null,
    department: a.department ?? null,
    companyName: a.companyName ?? null,
    officeLocation: null,
    usageLocation: a.licence ? 'NL' : null,
    mobilePhone: null,
    businessPhones: [],
    preferredLanguage: a.userType === 'Guest' ? null : 'nl-NL',
    onPremisesSyncEnabled: null,
    createdDateTime: a.createdDateTime,
    managerId: null,
    assignedLicenses: a.licence ? [{ skuId: a.licence, disabledPlans: [] }] : [],
    userType: a.userType ?? 'Member',
  };
}
