/**
 * `generateCompany`: a realistic Dutch company in AFAS and its Microsoft 365 tenant, from a seed.
 * Same options, same bytes: every draw comes from a seeded stream named after its concern, and the
 * only clock read is the default for `today`.
 */
import { employmentRow, orgUnitRow, userRow } from './afas-rows.ts';
import { DIVISIONS, jobCatalogue } from './catalogue.ts';
import {
  AFAS_CONNECTORS,
  EMPLOYMENTS_CONNECTOR,
  ORG_UNITS_CONNECTOR,
  USERS_CONNECTOR,
} from './connectors.ts';
import { MAX_PERSONS } from './limits.ts';
import { isLocalDate, parseDay, todayInAmsterdam } from './local-date.ts';
import { buildManifest } from './manifest.ts';
import type { DemoPerson, Employer } from './model.ts';
import { buildOrgTree } from './org-units.ts';
import { assignLifecycles, createPeople } from './people.ts';
import { type DemoProportions, resolveProportions } from './proportions.ts';
import { Random } from './random.ts';
import { buildTenant } from './tenant.ts';
import type { AfasConnectorData, AfasRow, DemoCompany } from './types.ts';

export { MAX_PERSONS };

export interface GenerateOptions {
  /** 1 to 500,000 */
  readonly persons: number;
  readonly seed: number;
  /** YYYY-MM-DD; default: today in Europe/Amsterdam */
  readonly today?: string;
  /** the company's mail domain; default contoso.nl */
  readonly domain?: string;
  readonly tenantId?: string;
  /** AFAS environment number; default: five digits from the seed */
  readonly environmentId?: string;
  readonly proportions?: Partial<DemoProportions>;
}

export const DEFAULT_DOMAIN = 'contoso.nl';
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function generateCompany(options: GenerateOptions): DemoCompany {
  const { persons: n, seed } = options;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERSONS)
    throw new RangeError(`persons must be a whole number from 1 to ${MAX_PERSONS}, got ${n}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const todayText = options.today ?? todayInAmsterdam();
  if (!isLocalDate(todayText)) throw new RangeError(`today must be a date YYYY-MM-DD, got "${todayText}"`);
  const domain = (options.domain ?? DEFAULT_DOMAIN).toLowerCase();
  if (!DOMAIN.test(domain))
    throw new RangeError(`domain must be a DNS name like contoso.nl, got "${options.domain}"`);
  if (options.tenantId !== undefined && !GUID.test(options.tenantId))
    throw new RangeError(`tenantId must be a GUID, got "${options.tenantId}"`);
  if (options.environmentId !== undefined && !/^[0-9]{5,6}$/.test(options.environmentId))
    throw new RangeError(`environmentId must be 5 or 6 digits, got "${options.environmentId}"`);
  const proportions = resolveProportions(options.proportions);
  const today = parseDay(todayText);
  const random = (stream: string) => new Random(seed, stream);

  const environmentId = options.environmentId ?? String(random('environment').int(10_000, 99_999));
  const tenantId = (options.tenantId ?? random('tenant').guid()).toLowerCase();
  const names = companyNames(domain);
  const tree = buildOrgTree(random('org-tree'), n, names.company);
  const employers: [Employer, Employer] = [
    { code: '01', name: `${names.company} B.V.` },
    { code: '02', name: `${names.company} Services B.V.` },
  ];
  const persons = createPeople({
    n,
    today,
    tree,
    employers,
    proportions,
    lifecycles: assignLifecycles(random('lifecycle'), n, proportions),
    random: {
      names: random('names'),
      phones: random('phones'),
      employments: random('employments'),
      org: random('org'),
    },
  });

  const built = buildTenant({
    tenantId,
    displayName: `${names.company} B.V.`,
    domain,
    initialDomain: names.initialDomain,
    unverifiedDomain: names.unverifiedDomain,
    persons,
    today,
    proportions,
    jobTitles: [...jobCatalogue().keys()],
    unitNames: tree.units.map((u) => u.name),
    divisions: DIVISIONS.map((d) => d.name).filter((d) => tree.units.some((u) => u.name === d)),
    random,
  });

  const personAt = (index: number): DemoPerson => persons[index]!;
  const employmentRows: AfasRow[] = [];
  for (const person of persons)
    for (const e of person.employments) employmentRows.push(employmentRow(person, e, personAt));
  const unitRows = [...tree.units]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((unit) => orgUnitRow(unit, personAt));
  const rows: Record<string, AfasRow[]> = {
    [USERS_CONNECTOR]: persons.map((person) => userRow(person, environmentId)),
    [EMPLOYMENTS_CONNECTOR]: employmentRows,
    [ORG_UNITS_CONNECTOR]: unitRows,
  };
  const connectors: AfasConnectorData[] = AFAS_CONNECTORS.map((c) => ({
    id: c.id,
    description: c.description,
    fields: c.fields,
    rows: rows[c.id] ?? [],
  }));

  return {
    afas: { environmentId, connectors },
    tenant: built.tenant,
    manifest: buildManifest({
      options: { persons: n, seed, today: todayText, domain, tenantId, environmentId },
      proportions,
      persons,
      today,
      orgUnits: tree.units.length,
      built,
    }),
  };
}

/** contoso.nl → "Contoso", contoso.onmicrosoft.com, contoso-groep.nl (not verified yet). */
function companyNames(domain: string) {
  const labels = domain.split('.');
  const first = labels[0]!;
  const tld = labels[labels.length - 1]!;
  const company = first
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return {
    company,
    initialDomain: `${first.replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`,
    unverifiedDomain: `${first}-groep.${tld}`,
  };
}
