/**
 * The generator's own model of the company, richer than the rows it finally writes: who is a joiner,
 * which unit someone manages, which account belongs to whom. AFAS rows, tenant users and the
 * manifest are all rendered from it, so they cannot disagree.
 */
import type { DivisionTopic, Job } from './catalogue.ts';
import type { Day } from './local-date.ts';
import type { PersonName } from './names/compose.ts';
import type { DemoLeaverTiming, DemoLifecycleKind } from './types.ts';

export interface Employer {
  readonly code: string;
  readonly name: string;
}

export interface CostCenter {
  readonly code: string;
  readonly name: string;
}

export type OrgLevel = 0 | 1 | 2 | 3;

export interface OrgUnit {
  readonly code: string;
  readonly name: string;
  readonly parent: OrgUnit | null;
  readonly level: OrgLevel;
  /** null for the company itself */
  readonly division: DivisionTopic | null;
  readonly costCenter: CostCenter;
  /** person index of the manager / the stand-in (Huidige_vervanger) */
  manager: number | null;
  deputy: number | null;
}

/** AFAS "Soort medewerker": I = own staff, E = external, S = intern. */
export type EmployeeType = 'I' | 'E' | 'S';

export interface EmploymentRecord {
  /** Volgnummer_contract */
  readonly contract: number;
  /** function line within the contract (1 = first) */
  readonly line: number;
  readonly contractStart: Day;
  readonly contractEnd: Day | null;
  readonly functionStart: Day;
  readonly functionEnd: Day | null;
  readonly unit: OrgUnit;
  readonly job: Job;
  readonly hours: number;
  readonly employer: Employer;
  readonly contractType: string;
  readonly employeeType: EmployeeType;
  /** person indexes, resolved once every unit has its manager */
  manager: number | null;
  deputy: number | null;
}

export interface AccountRef {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
}

export interface DemoPerson {
  readonly index: number;
  readonly employeeNumber: string;
  readonly personNumber: string;
  readonly kind: DemoLifecycleKind;
  readonly leaverTiming: DemoLeaverTiming | null;
  name: PersonName;
  employments: EmploymentRecord[];
  /** the highest unit this person manages, if any */
  manages: OrgUnit | null;
  workPhone: string | null;
  mobilePhone: string | null;
  hasProfitUser: boolean;
  /** the account HR would recognise as this person's (set by the tenant stage) */
  account: AccountRef | null;
  /** what AFAS holds: KnPerson work e-mail and KnUser UPN (written back earlier, or not) */
  afasMail: string | null;
  afasUpn: string | null;
}
