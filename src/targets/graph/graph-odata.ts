/**
 * Graph users as hrsync accounts: which properties to `$select`, how a Graph user becomes flat
 * attributes (`employeeOrgData.costCenter`), and OData filters for finding accounts. Pure.
 */
import {
  type Account,
  type Attributes,
  type AttrValue,
  type KeyPool,
  licenceKey,
  ValuePool,
} from '../../core/index.ts';
import { isObject } from './graph-errors.ts';

/** Read with every account: the engine needs to know whether an account is enabled. */
export const ALWAYS_READ = ['accountEnabled'] as const;

/**
 * Properties Graph filters with `eq` as a default query; anything else is an advanced query that
 * needs `ConsistencyLevel: eventual` + `$count=true` — and an eventually consistent index may not
 * show an account created seconds ago, so re-matching a create must use one of these.
 */
const DEFAULT_FILTERABLE = new Set([
  'id',
  'employeeId',
  'userPrincipalName',
  'mail',
  'mailNickname',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
  'proxyAddresses',
  'otherMails',
]);

/**
 * The `manager` attribute is the manager's object id. It is a navigation property: a delta query
 * selects it (`$select=…,manager` → `manager@delta`), a plain list expands it (`$expand=manager`).
 */
export const MANAGER = 'manager';

/** `$select` for the attributes: nested attributes select their parent property; id always comes. */
export function selectFor(attributes: readonly string[], options: { delta?: boolean } = {}): string {
  const properties = new Set<string>(['id', ...ALWAYS_READ]);
  for (const attribute of attributes) {
    if (attribute === MANAGER && !options.delta) continue;
    properties.add(attribute.split('.')[0] as string);
  }
  return [...properties].join(',');
}

/** The manager id from `manager@delta` or an expanded `manager`; undefined when Graph said nothing. */
function managerIdOf(user: Record<string, unknown>): string | null | undefined {
  const delta = user['manager@delta'];
  if (Array.isArray(delta)) {
    const current = delta.find((m) => isObject(m) && m['@removed'] === undefined && typeof m.id === 'string');
    return isObject(current) ? String(current.id) : null;
  }
  if (isObject(user.manager)) return typeof user.manager.id === 'string' ? user.manager.id : null;
  return Object.hasOwn(user, 'manager') ? null : undefined;
}

/** A Graph user as an account with exactly the asked attributes (absent = never set = null). */
export function toAccount(user: Record<string, unknown>, attributes: readonly string[]): Account {
  return accountMaker(attributes)(user);
}

/**
 * Turns the users of one read into accounts. A tenant's accounts are the largest thing a run holds
 * (issue 13), so they are made compact:
 * - every account's attributes share one hidden class: they are cloned from a template that has all
 *   the keys (a spread of a fast-mode object keeps its map) and then only overwritten. Filling `{}`
 *   key by key, as before, turned each record of ~20 keys into a dictionary: ~1.5 KB an account
 *   instead of ~0.2 KB;
 * - the values of attributes with few distinct values (company, department, usage location, …) and
 *   the managers' ids are shared (ValuePool): JSON parsing makes a fresh string for each occurrence.
 */
export function accountMaker(attributes: readonly string[]): (user: Record<string, unknown>) => Account {
  const keys = [...new Set([...ALWAYS_READ, ...attributes])].filter((a) => a !== 'id');
  const plain = keys.filter((k) => k !== MANAGER && k !== LICENCES);
  const paths = plain.map((k) => (k.includes('.') ? k.split('.') : null));
  const withManager = keys.includes(MANAGER);
  const withLicences = keys.includes(LICENCES);
  const templates = templatesFor(keys);
  const pool = new ValuePool();
  // Each attribute's pool is looked up once, not once per value.
  const pools = plain.map((k) => pool.forKey(k));
  const managers = pool.forKey(MANAGER);
  return (user) => {
    // Absent means "not reported" (an incremental round may leave it out): keep what is cached.
    const manager = withManager ? managerIdOf(user) : undefined;
    const values: Record<string, AttrValue> =
      manager === undefined ? templates.clone(false) : templates.clone(true);
    // A manager's id is repeated in every report's account (~7 copies of each in a company).
    if (manager !== undefined) values[MANAGER] = manager === null ? null : managers.share(manager);
    if (withLicences) values[LICENCES] = licencesOf(user[LICENCES]);
    for (let i = 0; i < plain.length; i++) {
      const path = paths[i];
      let value: unknown;
      if (path === null || path === undefined) value = user[plain[i] as string];
      else {
        value = user;
        for (const part of path) value = isObject(value) ? value[part] : undefined;
      }
      const attrValue = toAttrValue(value);
      values[plain[i] as string] =
        typeof attrValue === 'string' ? (pools[i] as KeyPool).share(attrValue) : attrValue;
    }
    return { id: String(user.id), attributes: values satisfies Attributes };
  };
}

/**
 * Fast-mode templates of an account's attributes (with and without `manager`), each key null, in
 * the attributes' order. JSON.parse makes an object with all its properties in one hidden class; an
 * own `__proto__` key would make the clone's assignment set the prototype, so such a selection (not a
 * Graph property) falls back to plain objects.
 */
function templatesFor(keys: readonly string[]): { clone(withManager: boolean): Record<string, AttrValue> } {
  if (keys.includes('__proto__')) {
    return {
      clone: (withManager) => {
        const values: Record<string, AttrValue> = {};
        for (const k of keys) if (withManager || k !== MANAGER) Object.defineProperty(values, k, field);
        return values;
      },
    };
  }
  const make = (withManager: boolean) =>
    JSON.parse(
      JSON.stringify(
        Object.fromEntries(keys.filter((k) => withManager || k !== MANAGER).map((k) => [k, null])),
      ),
    ) as Record<string, AttrValue>;
  const full = make(true);
  const partial = make(false);
  return { clone: (withManager) => (withManager ? { ...full } : { ...partial }) };
}

const field = { value: null, writable: true, enumerable: true, configurable: true } as const;

/** Licences as the engine compares them: one `licenceKey` string per assigned licence. */
const LICENCES = 'assignedLicenses';

function licencesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .flatMap((l) =>
      typeof l.skuId === 'string'
        ? [licenceKey(l.skuId, Array.isArray(l.disabledPlans) ? l.disabledPlans.map(String) : [])]
        : [],
    );
}

function toAttrValue(value: unknown): AttrValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  // Complex values hrsync does not map (assignedLicenses, identities…) stay comparable as JSON.
  return JSON.stringify(value);
}

/** An OData string literal: single quotes, an embedded quote doubled (`'O''Brien'`). */
export const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

export interface AccountQuery {
  readonly filter: string;
  /** Needs `ConsistencyLevel: eventual` and `$count=true`. */
  readonly advanced: boolean;
}

export function filterFor(attribute: string, value: string): AccountQuery {
  if (attribute === 'proxyAddresses') {
    // Entra stores `SMTP:` (primary) and `smtp:` (alias); the comparison ignores case.
    const address = value.replace(/^smtp:/i, '');
    return { filter: `proxyAddresses/any(c:c eq ${odataString(`smtp:${address}`)})`, advanced: false };
  }
  if (attribute === 'accountEnabled' && (value === 'true' || value === 'false')) {
    return { filter: `accountEnabled eq ${value}`, advanced: false };
  }
  const path = attribute.replaceAll('.', '/');
  return { filter: `${path} eq ${odataString(value)}`, advanced: !DEFAULT_FILTERABLE.has(attribute) };
}

/** Turns flat attributes into a Graph body: `employeeOrgData.costCenter` → `{employeeOrgData:{costCenter}}`. */
export function nestAttributes(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [attribute, value] of Object.entries(flat)) {
    const parts = attribute.split('.');
    let node = body;
    for (const part of parts.slice(0, -1)) {
      const next = isObject(node[part]) ? (node[part] as Record<string, unknown>) : {};
      node[part] = next;
      node = next;
    }
    node[parts.at(-1) as string] = value;
  }
  return body;
}
