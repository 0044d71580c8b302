/**
 * normalise: GetConnector rows → persons. Groups employments by employee number, picks the primary
 * employment, derives the lifecycle in the connection's time zone and the derived attributes that
 * mappings and scoping filters can use:
 *
 * - `Lifecycle`: pre-hire | active | leaver | gone | future | no-employment
 * - `StartDate`, `EndDate`: local dates of the primary employment (`EndDate` empty while any
 *   employment is open-ended); `StartDateTime`, `EndDateTime`: the instants they begin/end locally
 * - `HireDate`, `HireDateTime`: by `persons.hireDate` — by default the first start of the
 *   uninterrupted employment the primary one belongs to (touching or overlapping contracts are one)
 * - `ManagerEmployeeNumber`: the primary employment's manager, else the manager of its org unit
 *   (walking up the tree), never the person themself
 * - `DepartmentPath`: org-unit names from the top down, joined with " / "
 */
import type {
  Attributes,
  Employment,
  Lifecycle,
  LocalDate,
  Person,
  PersonsConfig,
} from '../../core/index.ts';
import { type KeyPool, ValuePool } from '../../core/index.ts';
import type { SourceSnapshot } from '../ports.ts';
import { AttributeRecords, type DerivedValues } from './attribute-record.ts';
import { addDays, localDateOf, startOfLocalDay } from './local-date.ts';
import { choosePrimary, type EmploymentPhase, employmentPhase } from './primary.ts';

export interface NormaliseOptions {
  readonly today: LocalDate;
  readonly timeZone: string;
  readonly persons: PersonsConfig;
  /** Constants every person gets as attributes (e.g. `Domain`). */
  readonly constants?: Attributes;
  /**
   * The only attributes the persons keep (what a run's configuration reads, personAttributesRead);
   * absent: all of them (the expression tester and person search show every attribute).
   */
  readonly attributes?: ReadonlySet<string>;
  /**
   * Where the rows' kept values were shared as they arrived (RowCut.pool): the records then take the
   * rows' values as they are. Absent: the records share them, in a new pool.
   */
  readonly pool?: ValuePool;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface OrgUnit {
  readonly name: string;
  readonly parent: string | null;
  readonly manager: string | null;
}

// A string is handed back as it is, without String()'s call: this runs for ~6 fields of every person.
const str = (v: unknown): string | null =>
  typeof v === 'string' ? (v === '' ? null : v) : v === null || v === undefined ? null : String(v);
const num = (v: unknown): number | null => {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v.replace(',', '.')) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

/** A row's date field as a local date: one string per date (localDateOf), or null. */
function localDate(value: unknown): LocalDate | null {
  return typeof value === 'string' ? localDateOf(value) : null;
}

/** What one run's employments share: their managers' numbers (~7 reports each). */
export interface EmploymentReads {
  readonly managers: KeyPool;
}

export function toEmployment(row: Attributes, index: number, reads?: EmploymentReads): Employment | null {
  const employeeNumber = str(row.Medewerker);
  return employeeNumber === null ? null : employmentOf(row, index, employeeNumber, reads);
}

/** toEmployment of a row whose employee number is known. */
function employmentOf(
  row: Attributes,
  index: number,
  employeeNumber: string,
  reads: EmploymentReads | undefined,
): Employment {
  const manager = str(row.Medewerkernummer_leidinggevende);
  return {
    key: str(row.ExternalID) ?? `${employeeNumber}#${index}`,
    employeeNumber,
    startDate: localDate(row.Begindatum_functie) ?? localDate(row.Begindatum_contract),
    endDate: localDate(row.Einddatum_functie) ?? localDate(row.Einddatum_contract),
    fte: num(row.FTE),
    sequence: num(row.Volgnummer_contract),
    managerEmployeeNumber: manager === null || reads === undefined ? manager : reads.managers.share(manager),
  };
}

function orgUnits(rows: readonly Attributes[]): Map<string, OrgUnit> {
  const units = new Map<string, OrgUnit>();
  for (const r of rows) {
    const id = str(r.ExternalId);
    if (id === null) continue;
    units.set(id, {
      name: str(r.DisplayName) ?? id,
      parent: str(r.ParentExternalId),
      manager: str(r.ManagerExternalId),
    });
  }
  return units;
}

function lifecycleOf(
  employments: readonly Employment[],
  phase: (e: Employment) => EmploymentPhase,
  graceStart: LocalDate,
): Lifecycle {
  if (employments.length === 0) return 'no-employment';
  let active = false;
  let preHire = false;
  let future = false;
  // Only employments that have ended make a leaver: a future contract's end date does not.
  let lastEnd: LocalDate | null = null;
  for (const e of employments) {
    const p = phase(e);
    if (p === 'active') active = true;
    else if (p === 'pre-hire') preHire = true;
    else if (p === 'future') future = true;
    else if (e.endDate !== null && (lastEnd === null || e.endDate > lastEnd)) lastEnd = e.endDate;
  }
  if (active) return 'active';
  if (preHire) return 'pre-hire';
  if (lastEnd !== null && lastEnd >= graceStart) return 'leaver';
  return future ? 'future' : 'gone';
}

/** lifecycleOf for one employment, without two one-element lists per person. */
function lifecycleOfOne(phase: EmploymentPhase, end: LocalDate | null, graceStart: LocalDate): Lifecycle {
  if (phase === 'active' || phase === 'pre-hire') return phase;
  if (phase === 'ended' && end !== null && end >= graceStart) return 'leaver';
  return phase === 'future' ? 'future' : 'gone';
}

function unitManager(units: Map<string, OrgUnit>, unitId: string | null, self: string): string | null {
  // A cycle in the tree only revisits units that had no answer: stop after as many steps as units.
  let steps = 0;
  for (let id = unitId; id !== null && steps <= units.size; steps++) {
    const unit = units.get(id);
    if (!unit) return null;
    if (unit.manager !== null && unit.manager !== self) return unit.manager;
    id = unit.parent;
  }
  return null;
}

function departmentPath(units: Map<string, OrgUnit>, unitId: string | null): string | null {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let id = unitId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const unit = units.get(id);
    if (!unit) break;
    names.unshift(unit.name);
    id = unit.parent;
  }
  return names.length > 0 ? names.join(' / ') : null;
}

function composeDisplayName(row: Attributes, employeeNumber: string): string {
  const own = str(row.DisplayName) ?? str(row.Naam);
  if (own !== null) return own;
  const given = str(row.Roepnaam) ?? str(row.Voornaam) ?? str(row.Voorletters);
  const parts = [given, str(row.Voorvoegsel), str(row.Geboortenaam)].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' ') : employeeNumber;
}

/**
 * The hire date by rule. `continuous` walks the employments in start order and joins those that
 * overlap or touch (a start on the day after the previous end, the end date being the last working
 * day) into periods; the hire date is the start of the period that holds the primary employment.
 */
export function hireDateOf(
  employments: readonly Employment[],
  primary: Employment | null,
  rule: 'continuous' | 'primary-start' | 'first-start',
): LocalDate | null {
  if (primary === null) return null;
  // One employment: it starts its own period, whatever the rule.
  if (rule === 'primary-start' || (employments.length === 1 && employments[0] === primary))
    return primary.startDate;
  // AFAS lists a person's employments by start nearly always: then they are walked as they are.
  const sorted = inStartOrder(employments)
    ? employments
    : [...employments].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
  if (rule === 'first-start') return sorted[0]?.startDate ?? null;
  let periodStart: LocalDate | null = null;
  let periodEnd: LocalDate | null | undefined; // undefined: no period yet; null: open-ended
  let hire: LocalDate | null = primary.startDate;
  for (const e of sorted) {
    const joins =
      periodEnd !== undefined && (periodEnd === null || (e.startDate ?? '') <= addDays(periodEnd, 1));
    if (!joins) {
      periodStart = e.startDate;
      periodEnd = e.endDate;
    } else if (periodEnd !== null && periodEnd !== undefined)
      periodEnd = e.endDate === null || e.endDate > periodEnd ? e.endDate : periodEnd;
    if (e === primary) hire = periodStart;
  }
  return hire;
}

/** Whether sorting on the start (localeCompare, as hireDateOf sorts) would leave the list as it is. */
function inStartOrder(employments: readonly Employment[]): boolean {
  for (let i = 1; i < employments.length; i++) {
    const before = (employments[i - 1] as Employment).startDate ?? '';
    const start = (employments[i] as Employment).startDate ?? '';
    if (before !== start && before.localeCompare(start) > 0) return false;
  }
  return true;
}

export function normalise(snapshot: SourceSnapshot, options: NormaliseOptions): Person[] {
  const steps = normaliseSteps(snapshot, options);
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}

/**
 * normalise() in slices of about PERSONS_PER_SLICE persons, awaiting `pause` between them. A run puts
 * its persons together while the tenant is still being read: done in one go, that work held up the
 * event loop for tens of milliseconds, and with it the request for Graph's next page (the read that
 * usually ends last). The result is the same as normalise()'s.
 */
export async function normaliseInSlices(
  snapshot: SourceSnapshot,
  options: NormaliseOptions,
  pause: () => Promise<void> = nextTurn,
): Promise<Person[]> {
  const steps = normaliseSteps(snapshot, options);
  let step = steps.next();
  while (step.done !== true) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const PERSONS_PER_SLICE = 1000;

function* normaliseSteps(snapshot: SourceSnapshot, options: NormaliseOptions): Generator<void, Person[]> {
  const { today, timeZone, persons: cfg } = options;
  const leadHorizon = addDays(today, cfg.leadDays);
  const graceStart = addDays(today, -cfg.graceDays);
  const units = orgUnits(snapshot.organizationalUnits);
  const paths = new Map<string | null, string | null>();
  const pathOf = (unitId: string | null) => {
    // One lookup per person: a unit without a path is kept as null, never as absent.
    let path = paths.get(unitId);
    if (path === undefined) {
      path = departmentPath(units, unitId);
      paths.set(unitId, path);
    }
    return path;
  };

  // The rows' values the persons keep are shared among them (the rows themselves are dropped).
  const pool = options.pool ?? new ValuePool();
  const records = new AttributeRecords(
    options.constants ?? {},
    options.attributes,
    options.pool === undefined ? pool : null,
  );
  // End dates are shown as the instant the next day starts; a company has few distinct ones.
  const endInstants = new Map<LocalDate, string>();
  const endInstant = (endDate: LocalDate) => {
    let instant = endInstants.get(endDate);
    if (instant === undefined) {
      instant = startOfLocalDay(addDays(endDate, 1), timeZone);
      endInstants.set(endDate, instant);
    }
    return instant;
  };
  const result: Person[] = [];
  const derived: Mutable<DerivedValues> = ['', '', null, null, null, null, null, null, null, null, 0];
  const phaseOf = (e: Employment): EmploymentPhase => employmentPhase(e, today, leadHorizon);
  const personOf = (
    employeeNumber: string,
    userRow: Attributes,
    employments: Employment[],
    rows: EmploymentRows,
  ): void => {
    if (employments.length === 0 && cfg.excludeWithoutEmployment) return;
    let primary: Employment | null;
    let lifecycle: Lifecycle;
    if (employments.length === 1) {
      // Most persons have one employment: it is the primary one, and its phase is the lifecycle's.
      primary = employments[0] as Employment;
      const phase = employmentPhase(primary, today, leadHorizon);
      lifecycle = lifecycleOfOne(phase, primary.endDate, graceStart);
    } else {
      // A phase is two comparisons: computed when asked, with no map or closure per person.
      primary = choosePrimary(employments, cfg.primaryEmployment, phaseOf);
      lifecycle = lifecycleOf(employments, phaseOf, graceStart);
    }
    let openEnded = false;
    for (let i = 0; i < employments.length && !openEnded; i++)
      openEnded = (employments[i] as Employment).endDate === null;
    const endDate = openEnded ? null : (primary?.endDate ?? null);
    const startDate = primary?.startDate ?? null;
    const hireDate = hireDateOf(employments, primary, cfg.hireDate ?? 'continuous');
    // The primary employment's row: its fields go into the attributes; the person keeps no rows.
    const primaryRow =
      primary === null
        ? null
        : isRowList(rows)
          ? (rows[primary === employments[0] ? 0 : employments.indexOf(primary)] ?? null)
          : rows;
    const unitId = str(primaryRow?.Organisatorische_eenheid_code);
    const ownManager = primary?.managerEmployeeNumber ?? null;
    const manager =
      ownManager !== null && ownManager !== employeeNumber
        ? ownManager
        : unitManager(units, unitId, employeeNumber);

    // One list of the derived values for every person: the record copies them out of it.
    derived[0] = employeeNumber;
    derived[1] = lifecycle;
    derived[2] = startDate;
    derived[3] = endDate;
    const startInstant = startDate === null ? null : startOfLocalDay(startDate, timeZone);
    derived[4] = startInstant;
    derived[5] = endDate === null ? null : endInstant(endDate);
    derived[6] = hireDate;
    // Nearly everyone was hired on the primary employment's start: its instant is known already.
    derived[7] =
      hireDate === null ? null : hireDate === startDate ? startInstant : startOfLocalDay(hireDate, timeZone);
    derived[8] = manager;
    derived[9] = pathOf(unitId);
    derived[10] = employments.length;
    const attributes = records.build(userRow, primaryRow, derived);
    result.push({
      employeeNumber,
      displayName: composeDisplayName(userRow, employeeNumber),
      lifecycle,
      employments,
      primary,
      attributes,
    });
  };
  // AFAS pages come sorted on the employee number: then persons are put together in one pass, without
  // two maps of every employee (their hashing and growth were a tenth of normalising).
  const reads: EmploymentReads = { managers: pool.forKey('Medewerkernummer_leidinggevende') };
  // Sorted rows make the persons in order of their employee numbers already.
  if (yield* groupSorted(snapshot, personOf, reads)) return result;
  result.length = 0;
  groupByMaps(snapshot, personOf, reads);
  result.sort((a, b) =>
    a.employeeNumber < b.employeeNumber ? -1 : a.employeeNumber > b.employeeNumber ? 1 : 0,
  );
  return result;
}

/**
 * The rows a person's employments were made from: `rows[i]` made `employments[i]`; or, for the person
 * with one employment (nearly everyone), that one row without a list around it.
 */
type EmploymentRows = readonly Attributes[] | Attributes;
const isRowList = (rows: EmploymentRows): rows is readonly Attributes[] => Array.isArray(rows);

type PersonOf = (
  employeeNumber: string,
  userRow: Attributes,
  employments: Employment[],
  rows: EmploymentRows,
) => void;

/**
 * Persons from rows sorted on the employee number, in that order: the first of repeated user rows
 * wins, an employee without a user row gets the first employment's fields (as groupByMaps does).
 * False as soon as either list turns out not to be sorted (the persons made so far are then to be
 * dropped): the order is checked on the way, not in two passes over every row before it, and each
 * row's employee number is read once. Yields every PERSONS_PER_SLICE persons.
 */
function* groupSorted(
  snapshot: SourceSnapshot,
  personOf: PersonOf,
  reads: EmploymentReads,
): Generator<void, boolean> {
  const { users, employments: rows } = snapshot;
  // The next row of each list that has an employee number, and that number (null past the end):
  // rows without one are left out, as toEmployment() and groupByMaps do.
  let u = 0;
  let userNumber: string | null = null;
  for (; u < users.length; u++) {
    userNumber = employeeOf(users[u]);
    if (userNumber !== null) break;
  }
  let r = 0;
  let rowNumber: string | null = null;
  for (; r < rows.length; r++) {
    rowNumber = employeeOf(rows[r]);
    if (rowNumber !== null) break;
  }
  let slice = 0;
  while (userNumber !== null || rowNumber !== null) {
    if (++slice === PERSONS_PER_SLICE) {
      slice = 0;
      yield;
    }
    const n = (
      userNumber === null || (rowNumber !== null && rowNumber < userNumber) ? rowNumber : userNumber
    ) as string;
    // A list made with its first element is one element long; one grown from [] by push() holds 17.
    let employments: Employment[] | undefined;
    let firstRow: Attributes | undefined;
    let employmentRows: Attributes[] | undefined;
    while (rowNumber === n) {
      const row = rows[r] as Attributes;
      const e = employmentOf(row, r, n, reads);
      if (employments === undefined || firstRow === undefined) {
        employments = [e];
        firstRow = row;
      } else {
        employments.push(e);
        if (employmentRows === undefined) employmentRows = [firstRow, row];
        else employmentRows.push(row);
      }
      rowNumber = null;
      for (r++; r < rows.length; r++) {
        rowNumber = employeeOf(rows[r]);
        if (rowNumber !== null) break;
      }
      if (rowNumber !== null && rowNumber < n) return false;
    }
    let userRow: Attributes | undefined;
    if (userNumber === n) {
      userRow = users[u] as Attributes;
      // Repeated user rows of this employee are passed over.
      userNumber = null;
      for (u++; u < users.length; u++) {
        const next = employeeOf(users[u]);
        if (next === null || next === n) continue;
        if (next < n) return false;
        userNumber = next;
        break;
      }
    }
    personOf(n, userRow ?? firstRow ?? {}, employments ?? [], employmentRows ?? firstRow ?? NO_ROWS);
  }
  return true;
}

const employeeOf = (row: Attributes | undefined): string | null => str(row?.Medewerker);
const NO_ROWS: readonly Attributes[] = Object.freeze([]);

/** Persons from rows in any order, grouped by employee number in maps. */
function groupByMaps(snapshot: SourceSnapshot, personOf: PersonOf, reads: EmploymentReads): void {
  const byEmployee = new Map<string, { employments: Employment[]; rows: Attributes[] }>();
  snapshot.employments.forEach((row, i) => {
    const e = toEmployment(row, i, reads);
    if (!e) return;
    const lists = byEmployee.get(e.employeeNumber);
    if (lists) {
      lists.employments.push(e);
      lists.rows.push(row);
    } else byEmployee.set(e.employeeNumber, { employments: [e], rows: [row] });
  });

  const userRows = new Map<string, Attributes>();
  for (const row of snapshot.users) {
    const n = str(row.Medewerker);
    if (n !== null && !userRows.has(n)) userRows.set(n, row);
  }
  // forEach, not for-of: an iterator's result (or an entry) is a fresh object per person.
  byEmployee.forEach((lists, n) => {
    if (!userRows.has(n)) userRows.set(n, lists.rows[0] ?? {});
  });
  userRows.forEach((userRow, n) => {
    const lists = byEmployee.get(n);
    personOf(n, userRow, lists?.employments ?? [], lists?.rows ?? NO_ROWS);
  });
}
