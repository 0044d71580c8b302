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
import type { SourceSnapshot } from '../ports.ts';
import { AttributeRecords } from './attribute-record.ts';
import { addDays, startOfLocalDay, toLocalDate } from './local-date.ts';
import { choosePrimary, type EmploymentPhase, employmentPhase } from './primary.ts';

export interface NormaliseOptions {
  readonly today: LocalDate;
  readonly timeZone: string;
  readonly persons: PersonsConfig;
  /** Constants every person gets as attributes (e.g. `Domain`). */
  readonly constants?: Attributes;
}

interface OrgUnit {
  readonly name: string;
  readonly parent: string | null;
  readonly manager: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v.replace(',', '.')) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

export function toEmployment(row: Attributes, index: number): Employment | null {
  const employeeNumber = str(row.Medewerker);
  if (employeeNumber === null) return null;
  return {
    key: str(row.ExternalID) ?? `${employeeNumber}#${index}`,
    employeeNumber,
    startDate: toLocalDate(row.Begindatum_functie) ?? toLocalDate(row.Begindatum_contract),
    endDate: toLocalDate(row.Einddatum_functie) ?? toLocalDate(row.Einddatum_contract),
    fte: num(row.FTE),
    sequence: num(row.Volgnummer_contract),
    managerEmployeeNumber: str(row.Medewerkernummer_leidinggevende),
    fields: row,
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
  phases: readonly EmploymentPhase[],
  ends: readonly (LocalDate | null)[],
  graceStart: LocalDate,
) {
  if (phases.length === 0) return 'no-employment' satisfies Lifecycle;
  if (phases.includes('active')) return 'active' satisfies Lifecycle;
  if (phases.includes('pre-hire')) return 'pre-hire' satisfies Lifecycle;
  // Only employments that have ended make a leaver: a future contract's end date does not.
  const lastEnd = ends.reduce<LocalDate | null>(
    (m, e, i) => (phases[i] === 'ended' && e !== null && (m === null || e > m) ? e : m),
    null,
  );
  if (lastEnd !== null && lastEnd >= graceStart) return 'leaver' satisfies Lifecycle;
  if (phases.includes('future')) return 'future' satisfies Lifecycle;
  return 'gone' satisfies Lifecycle;
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
  const sorted = [...employments].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
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

export function normalise(snapshot: SourceSnapshot, options: NormaliseOptions): Person[] {
  const { today, timeZone, persons: cfg } = options;
  const leadHorizon = addDays(today, cfg.leadDays);
  const graceStart = addDays(today, -cfg.graceDays);
  const units = orgUnits(snapshot.organizationalUnits);
  const paths = new Map<string | null, string | null>();
  const pathOf = (unitId: string | null) => {
    if (!paths.has(unitId)) paths.set(unitId, departmentPath(units, unitId));
    return paths.get(unitId) ?? null;
  };

  const byEmployee = new Map<string, Employment[]>();
  snapshot.employments.forEach((row, i) => {
    const e = toEmployment(row, i);
    if (!e) return;
    const list = byEmployee.get(e.employeeNumber);
    if (list) list.push(e);
    else byEmployee.set(e.employeeNumber, [e]);
  });

  const userRows = new Map<string, Attributes>();
  for (const row of snapshot.users) {
    const n = str(row.Medewerker);
    if (n !== null && !userRows.has(n)) userRows.set(n, row);
  }
  // Keys, not entries: an entry is a fresh [key, value] array per person.
  for (const n of byEmployee.keys())
    if (!userRows.has(n)) userRows.set(n, byEmployee.get(n)?.[0]?.fields ?? {});

  const records = new AttributeRecords(options.constants ?? {});
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
  for (const employeeNumber of userRows.keys()) {
    const userRow = userRows.get(employeeNumber) as Attributes;
    const employments = byEmployee.get(employeeNumber) ?? [];
    if (employments.length === 0 && cfg.excludeWithoutEmployment) continue;
    let primary: Employment | null;
    let lifecycle: Lifecycle;
    if (employments.length === 1) {
      // Most persons have one employment: it is the primary one, and its phase is the lifecycle's.
      primary = employments[0] as Employment;
      const phase = employmentPhase(primary, today, leadHorizon);
      lifecycle = lifecycleOfOne(phase, primary.endDate, graceStart);
    } else {
      const phases = new Map<Employment, EmploymentPhase>();
      for (const e of employments) phases.set(e, employmentPhase(e, today, leadHorizon));
      const phase = (e: Employment) => phases.get(e) as EmploymentPhase;
      primary = choosePrimary(employments, cfg.primaryEmployment, phase);
      lifecycle = lifecycleOf(
        employments.map(phase),
        employments.map((e) => e.endDate),
        graceStart,
      );
    }
    const openEnded = employments.some((e) => e.endDate === null);
    const endDate = openEnded ? null : (primary?.endDate ?? null);
    const startDate = primary?.startDate ?? null;
    const hireDate = hireDateOf(employments, primary, cfg.hireDate ?? 'continuous');
    const unitId = str(primary?.fields.Organisatorische_eenheid_code);
    const ownManager = primary?.managerEmployeeNumber ?? null;
    const manager =
      ownManager !== null && ownManager !== employeeNumber
        ? ownManager
        : unitManager(units, unitId, employeeNumber);

    const attributes = records.build(userRow, primary?.fields ?? null, [
      employeeNumber,
      lifecycle,
      startDate,
      endDate,
      startDate === null ? null : startOfLocalDay(startDate, timeZone),
      endDate === null ? null : endInstant(endDate),
      hireDate,
      hireDate === null ? null : startOfLocalDay(hireDate, timeZone),
      manager,
      pathOf(unitId),
      employments.length,
    ]);
    result.push({
      employeeNumber,
      displayName: composeDisplayName(userRow, employeeNumber),
      lifecycle,
      employments,
      primary,
      attributes,
    });
  }
  result.sort((a, b) =>
    a.employeeNumber < b.employeeNumber ? -1 : a.employeeNumber > b.employeeNumber ? 1 : 0,
  );
  return result;
}
