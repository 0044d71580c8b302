/**
 * The AFAS fields a configuration names, checked against the fields the rows of a read have. AFAS
 * gives every field of a GetConnector in every row (null when empty), so a name that no users or
 * employments row has is no field of the connectors: a misspelt Direct source (`Roepnam` for
 * `Roepnaam`) read as empty for everyone, and a sync would have cleared that attribute for every
 * person. The run fails before anything is planned, naming the rule, the field and the nearest one.
 */
import { type Attributes, type ConnectionConfig, HrsyncError } from '../core/index.ts';
import { editDistance, parseExpression, references } from '../expr/index.ts';
import { DERIVED, keysOf, sameKeys } from './normalise/attribute-record.ts';

/** An attribute the configuration reads, and where: a JSON pointer into the configuration and its words. */
interface NamedRead {
  readonly name: string;
  readonly path: string;
  readonly what: string;
}

/** Names every person has that no row gives: the normaliser's derived attributes and the constants. */
const NOT_FROM_ROWS: ReadonlySet<string> = new Set<string>([...DERIVED, 'Domain', 'UniqueName']);

/** Every attribute name the operator wrote in the configuration, with where they wrote it. */
export function namedReads(config: ConnectionConfig): NamedRead[] {
  const reads: NamedRead[] = [];
  const fromExpression = (text: string, path: string, what: string) => {
    const parsed = parseExpression(text);
    // An expression that does not parse is reported by the mapping's own check.
    if (!parsed.ok) return;
    for (const name of references(parsed.ast)) reads.push({ name, path, what });
  };
  config.mapping.forEach((rule, i) => {
    const what = `the mapping of ${rule.target}`;
    if (rule.type === 'direct' && rule.source)
      reads.push({ name: rule.source, path: `/mapping/${i}/source`, what });
    else if (rule.type === 'expression' && rule.source)
      fromExpression(rule.source, `/mapping/${i}/source`, what);
  });
  config.uniqueness.candidates.forEach((candidate, i) => {
    fromExpression(candidate, `/uniqueness/candidates/${i}`, `unique-name candidate ${i + 1}`);
  });
  config.scope.filters.forEach((filter, f) => {
    filter.clauses.forEach((clause, c) => {
      reads.push({
        name: clause.attribute,
        path: `/scope/filters/${f}/clauses/${c}/attribute`,
        what: `scoping filter ${f + 1}`,
      });
    });
  });
  (config.entitlements ?? []).forEach((rule, r) => {
    rule.condition.forEach((filter, f) => {
      filter.clauses.forEach((clause, c) => {
        reads.push({
          name: clause.attribute,
          path: `/entitlements/${r}/condition/${f}/clauses/${c}/attribute`,
          what: `the condition of entitlement rule "${rule.name}"`,
        });
      });
    });
  });
  return reads;
}

/**
 * Throws HRS_CONFIG_INVALID when the configuration names an attribute that no row of `rowLists` has
 * and that hrsync does not derive. The first row has every field, so a configuration without a mistake
 * costs one look per name. `fields` are
 * names to suggest from (the rows' fields before they were cut). Nothing is checked when a list has no
 * row: there is nothing to compare with (an empty source is the source-shrink guard's to judge).
 */
export function checkFieldsRead(
  config: ConnectionConfig,
  rowLists: readonly (readonly Attributes[])[],
  fields: Iterable<string>,
): void {
  // A list without rows tells nothing about its connector's fields (an on-demand run of a person
  // without employments reads no employment row): then nothing is checked.
  if (rowLists.some((rows) => rows.length === 0)) return;
  // The first rows answer for a configuration without mistakes; a name they lack is looked for in the
  // keys of every row, gathered once (rows share their keys: a row like the last one adds nothing).
  let everyKey: Set<string> | undefined;
  const has = (name: string): boolean => {
    if (rowLists.some((rows) => Object.hasOwn(rows[0] as Attributes, name))) return true;
    if (everyKey === undefined) {
      everyKey = new Set();
      for (const rows of rowLists) {
        let last: readonly string[] = [];
        for (const row of rows) {
          if (sameKeys(row, last)) continue;
          last = keysOf(row);
          for (const key of last) everyKey.add(key);
        }
      }
    }
    return everyKey.has(name);
  };
  const problems: { path: string; message: string }[] = [];
  for (const read of namedReads(config)) {
    if (NOT_FROM_ROWS.has(read.name) || has(read.name)) continue;
    if (problems.some((p) => p.path === read.path && p.message.includes(`"${read.name}"`))) continue;
    problems.push({
      path: read.path,
      message: `${read.what} reads "${read.name}", which is no field of the AFAS users or employments rows${suggestion(read.name, fields, rowLists)}`,
    });
  }
  if (problems.length === 0) return;
  throw new HrsyncError(
    'HRS_CONFIG_INVALID',
    `${problems.map((p) => p.message).join('; ')}. Nothing was planned: every person would have read ${problems.length === 1 ? 'it' : 'them'} as empty.`,
    { details: problems },
  );
}

/** The nearest field or derived attribute, when one is near enough to be meant. */
function suggestion(
  name: string,
  fields: Iterable<string>,
  rowLists: readonly (readonly Attributes[])[],
): string {
  const candidates = new Set<string>([...fields, ...NOT_FROM_ROWS]);
  for (const rows of rowLists) if (rows[0] !== undefined) for (const key in rows[0]) candidates.add(key);
  const lower = name.toLowerCase();
  // Short names are near too many others: at most a quarter of the name's letters may differ.
  let bestDistance = Math.max(1, Math.floor(name.length / 4)) + 1;
  let best: string | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
