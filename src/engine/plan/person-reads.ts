/**
 * The person attributes a run can read, worked out from its configuration: a run's persons keep only
 * these (normalise's `attributes`), so a record holds a dozen or two of AFAS's ~64 fields — the
 * biggest thing alive at the plan's end, and what the garbage collector copies most per run.
 *
 * Everything that reads a person's attributes by name has its names here, from the compiled form
 * where there is one: the mapping's rules (an expression reads attributes only by name; a direct
 * rule reads its source), the unique-name candidates and naming scheme, the scoping filters, the
 * entitlement rules' conditions, write-back, and the planner's own reads (person-reads.test.ts
 * checks the planner's source for names missing here). A name the rows lack stays absent, as before.
 */
import type { ConnectionConfig, ScopeConfig } from '../../core/index.ts';
import { parseExpression, references } from '../../expr/index.ts';
import type { CompiledMapping } from '../map/index.ts';
import { DERIVED } from '../normalise/attribute-record.ts';
import { NAME_PART_ATTRIBUTES } from './naming-schemes.ts';
import { writeBackReads } from './write-back.ts';

/**
 * What the planner reads by name itself: the read step (unit, hire date), the lifecycle (end date),
 * the manager and quarantine fingerprints (manager's employee number).
 */
export const PLANNER_READS = [
  'Organisatorische_eenheid_omschrijving',
  'HireDate',
  'EndDate',
  'ManagerEmployeeNumber',
] as const;

/** Undefined when a candidate does not parse: then every attribute is kept (the plan reports it). */
export function personAttributesRead(
  config: ConnectionConfig,
  mapping: CompiledMapping,
): ReadonlySet<string> | undefined {
  const names = new Set<string>([...DERIVED, ...PLANNER_READS]);
  if (config.uniqueness.scheme !== undefined) for (const name of NAME_PART_ATTRIBUTES) names.add(name);
  for (const rule of mapping.rules) for (const name of rule.references) names.add(name);
  for (const candidate of config.uniqueness.candidates) {
    const parsed = parseExpression(candidate);
    if (!parsed.ok) return undefined;
    for (const name of references(parsed.ast)) names.add(name);
  }
  addClauses(names, config.scope.filters);
  for (const rule of config.entitlements ?? []) addClauses(names, rule.condition);
  for (const name of writeBackReads(config.writeBack)) names.add(name);
  return names;
}

function addClauses(names: Set<string>, filters: ScopeConfig['filters']): void {
  for (const filter of filters) for (const clause of filter.clauses) names.add(clause.attribute);
}
