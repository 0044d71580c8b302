/**
 * The contract and function rows of one person, shaped by their lifecycle kind. One FTE is 40 hours
 * throughout, so Uren_per_week = FTE × 40 and Parttime_percentage = FTE × 100 on every row.
 */
import { EXTERNAL_JOB, INTERN_JOB, type Job, MANAGER_JOBS } from './catalogue.ts';
import type { Day } from './local-date.ts';
import type { EmployeeType, Employer, EmploymentRecord, OrgUnit } from './model.ts';
import type { DemoProportions } from './proportions.ts';
import { type Random, Weighted } from './random.ts';

export const HOURS_PER_FTE = 40;
const YEAR = 365;

export interface EmploymentContext {
  readonly today: Day;
  readonly departments: readonly OrgUnit[];
  readonly teams: readonly OrgUnit[];
  readonly jobs: ReadonlyMap<string, Job>;
  readonly employers: readonly [Employer, Employer];
  readonly proportions: DemoProportions;
}

const PART_TIME_HOURS = new Weighted<number>([
  [36, 10],
  [32, 30],
  [28, 10],
  [24, 20],
  [22.5, 4],
  [20, 12],
  [18.5, 2],
  [16, 8],
  [12, 4],
]);
const EMPLOYEE_TYPE = new Weighted<EmployeeType>([
  ['I', 93],
  ['E', 4],
  ['S', 3],
]);
const CONTRACT_TYPE = new Weighted<string>([
  ['Onbepaalde tijd', 85],
  ['Bepaalde tijd', 14],
  ['Oproepovereenkomst', 1],
]);

interface Line {
  readonly contract: number;
  readonly line?: number;
  readonly contractStart: Day;
  readonly contractEnd: Day | null;
  readonly functionStart?: Day;
  readonly functionEnd?: Day | null;
  readonly unit: OrgUnit;
  readonly job: Job;
  readonly hours: number;
  readonly employer?: Employer;
  readonly contractType: string;
  readonly employeeType?: EmployeeType;
}

export class EmploymentBuilder {
  constructor(
    private readonly ctx: EmploymentContext,
    private readonly random: Random,
  ) {}

  /** Where an ordinary employee works: mostly a team, sometimes a department's own staff. */
  homeUnit(): OrgUnit {
    const { random, ctx } = this;
    return random.chance(0.05) ? random.pick(ctx.departments) : random.pick(ctx.teams);
  }

  private job(description: string): Job {
    return this.ctx.jobs.get(description)!;
  }

  private jobIn(unit: OrgUnit): Job {
    const division = unit.division;
    return this.job(division ? this.random.pick(division.jobs) : MANAGER_JOBS[0]!);
  }

  private hours(): number {
    return this.random.chance(this.ctx.proportions.partTime)
      ? PART_TIME_HOURS.pick(this.random)
      : HOURS_PER_FTE;
  }

  /** Tenure skewed towards recent hires: many with a few years, some with decades. */
  private hireDay(minDaysAgo: number, maxDaysAgo: number): Day {
    const u = this.random.next();
    return this.ctx.today - Math.round(minDaysAgo + u * u * (maxDaysAgo - minDaysAgo));
  }

  private row(line: Line): EmploymentRecord {
    return {
      contract: line.contract,
      line: line.line ?? 1,
      contractStart: line.contractStart,
      contractEnd: line.contractEnd,
      functionStart: line.functionStart ?? line.contractStart,
      functionEnd: line.functionEnd === undefined ? line.contractEnd : line.functionEnd,
      unit: line.unit,
      job: line.job,
      hours: line.hours,
      employer: line.employer ?? this.ctx.employers[0],
      contractType: line.contractType,
      employeeType: line.employeeType ?? 'I',
      manager: null,
      deputy: null,
    };
  }

  /** A manager's single full contract in the unit they manage. */
  manager(unit: OrgUnit): EmploymentRecord[] {
    const start = this.hireDay(400, 25 * YEAR);
    const hours = this.random.chance(0.1) ? this.random.pick([32, 36]) : HOURS_PER_FTE;
    const job = this.job(MANAGER_JOBS[unit.level]!);
    return this.withFunctionChange({
      contract: 1,
      contractStart: start,
      contractEnd: null,
      unit,
      job,
      hours,
      contractType: 'Onbepaalde tijd',
    });
  }

  /** A current employee with one contract: own staff, an external hire or an intern. */
  employee(): EmploymentRecord[] {
    const { random, ctx } = this;
    const unit = this.homeUnit();
    const type = EMPLOYEE_TYPE.pick(random);
    if (type === 'S') {
      const start = ctx.today - random.int(15, 150);
      const end = Math.max(start + random.int(120, 240), ctx.today + random.int(7, 60));
      const job = this.job(INTERN_JOB);
      return [
        this.row({
          contract: 1,
          contractStart: start,
          contractEnd: end,
          unit,
          job,
          hours: random.pick([32, 36, 40]),
          contractType: 'Stageovereenkomst',
          employeeType: 'S',
        }),
      ];
    }
    if (type === 'E') {
      const start = ctx.today - random.int(15, 1500);
      const end = random.chance(0.5) ? null : ctx.today + random.int(30, YEAR);
      return [
        this.row({
          contract: 1,
          contractStart: start,
          contractEnd: end,
          unit,
          job: this.job(EXTERNAL_JOB),
          hours: this.hours(),
          contractType: 'Inhuur',
          employeeType: 'E',
        }),
      ];
    }
    const contractType = CONTRACT_TYPE.pick(random);
    const hours = contractType === 'Oproepovereenkomst' ? 0 : this.hours();
    if (contractType === 'Bepaalde tijd') {
      const start = ctx.today - random.int(15, 700);
      return [
        this.row({
          contract: 1,
          contractStart: start,
          contractEnd: ctx.today + random.int(30, YEAR),
          unit,
          job: this.jobIn(unit),
          hours,
          contractType,
        }),
      ];
    }
    const start = this.hireDay(15, 25 * YEAR);
    return this.withFunctionChange({
      contract: 1,
      contractStart: start,
      contractEnd: null,
      unit,
      job: this.jobIn(unit),
      hours,
      contractType,
    });
  }

  /**
   * A promotion or transfer inside the contract: the function starts later than the contract, and
   * sometimes the earlier function is still there as an ended row.
   */
  private withFunctionChange(line: Line): EmploymentRecord[] {
    const { random, ctx } = this;
    const tenure = ctx.today - line.contractStart;
    if (tenure < 400 || !random.chance(ctx.proportions.functionChanges)) return [this.row(line)];
    const switchDay = line.contractStart + random.int(180, tenure - 30);
    const current = this.row({ ...line, line: 2, functionStart: switchDay });
    if (!random.chance(ctx.proportions.functionHistory)) return [{ ...current, line: 1 }];
    const earlierUnit = random.chance(0.5) ? line.unit : this.homeUnit();
    const earlier = this.row({
      ...line,
      line: 1,
      unit: earlierUnit,
      job: this.jobIn(earlierUnit),
      functionEnd: switchDay - 1,
    });
    return [earlier, current];
  }

  /** Two or three concurrent part-time jobs, overlapping, sometimes at the sister company. */
  multiple(): EmploymentRecord[] {
    const { random, ctx } = this;
    const start = this.hireDay(400, 15 * YEAR);
    const firstHours = random.pick([20, 24, 28, 32]);
    const firstUnit = this.homeUnit();
    const rows = [
      this.row({
        contract: 1,
        contractStart: start,
        contractEnd: null,
        unit: firstUnit,
        job: this.jobIn(firstUnit),
        hours: firstHours,
        contractType: 'Onbepaalde tijd',
      }),
    ];
    let used = firstHours;
    const jobs = random.chance(0.2) ? 3 : 2;
    for (let contract = 2; contract <= jobs; contract++) {
      const hours =
        contract === 2
          ? Math.min(random.pick([8, 12, 16]), HOURS_PER_FTE - used)
          : Math.min(4, HOURS_PER_FTE - used);
      if (hours <= 0) break;
      used += hours;
      const unit = this.homeUnit();
      const second = start + random.int(0, ctx.today - start - 15);
      const end = random.chance(0.3) ? ctx.today + random.int(30, YEAR) : null;
      const employer = random.chance(0.5) ? ctx.employers[1] : ctx.employers[0];
      rows.push(
        this.row({
          contract,
          contractStart: second,
          contractEnd: end,
          unit,
          job: this.jobIn(unit),
          hours,
          employer,
          contractType: end === null ? 'Onbepaalde tijd' : 'Bepaalde tijd',
        }),
      );
    }
    return rows;
  }

  /** A new contract starting on `start`: new hires often begin on a one-year contract. */
  starter(start: Day): EmploymentRecord[] {
    const unit = this.homeUnit();
    const fixed = this.random.chance(0.5);
    return [
      this.row({
        contract: 1,
        contractStart: start,
        contractEnd: fixed ? start + YEAR - 1 : null,
        unit,
        job: this.jobIn(unit),
        hours: this.hours(),
        contractType: fixed ? 'Bepaalde tijd' : 'Onbepaalde tijd',
      }),
    ];
  }

  leaver(end: Day): EmploymentRecord[] {
    const { random } = this;
    const start = end - random.int(120, 15 * YEAR);
    const unit = this.homeUnit();
    const contractType = random.chance(0.3) ? 'Bepaalde tijd' : 'Onbepaalde tijd';
    return [
      this.row({
        contract: 1,
        contractStart: start,
        contractEnd: end,
        unit,
        job: this.jobIn(unit),
        hours: this.hours(),
        contractType,
      }),
    ];
  }

  /** An old contract ended at least 200 days ago, and a new one after a gap of at least 90 days. */
  rehire(): EmploymentRecord[] {
    const { random, ctx } = this;
    const oldEnd = ctx.today - random.int(200, 6 * YEAR);
    const oldStart = oldEnd - random.int(365, 6 * YEAR);
    const newStart = Math.max(oldEnd + 90, ctx.today + random.int(-120, 30));
    const oldUnit = this.homeUnit();
    const newUnit = random.chance(0.5) ? oldUnit : this.homeUnit();
    return [
      this.row({
        contract: 1,
        contractStart: oldStart,
        contractEnd: oldEnd,
        unit: oldUnit,
        job: this.jobIn(oldUnit),
        hours: this.hours(),
        contractType: 'Onbepaalde tijd',
      }),
      this.row({
        contract: 2,
        contractStart: newStart,
        contractEnd: null,
        unit: newUnit,
        job: this.jobIn(newUnit),
        hours: this.hours(),
        contractType: 'Onbepaalde tijd',
      }),
    ];
  }
}
