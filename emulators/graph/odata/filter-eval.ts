import type { Directory } from '../directory/directory.ts';
import type { UserEntity } from '../directory/entities.ts';
import { userProperty } from '../directory/user-properties.ts';
import type { FilterLiteral, FilterNode, FilterOperand } from './filter-ast.ts';

type Bindings = ReadonlyMap<string, unknown>;

/** Evaluates a checked `$filter` against one user. Directory string matching ignores case. */
export function matchesFilter(user: UserEntity, node: FilterNode, bindings: Bindings = new Map()): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(user, node.left, bindings) && matchesFilter(user, node.right, bindings);
    case 'or':
      return matchesFilter(user, node.left, bindings) || matchesFilter(user, node.right, bindings);
    case 'not':
      return !matchesFilter(user, node.operand, bindings);
    case 'compare': {
      const actual = resolve(user, node.target, bindings);
      const order = compare(actual, node.value, isDateProperty(node.target));
      switch (node.op) {
        case 'eq':
          return order === 0;
        case 'ne':
          return order !== 0;
        case 'gt':
          return order !== undefined && order > 0 && actual != null;
        case 'ge':
          return order !== undefined && order >= 0 && actual != null;
        case 'lt':
          return order !== undefined && order < 0 && actual != null;
        case 'le':
          return order !== undefined && order <= 0 && actual != null;
      }
      return false;
    }
    case 'in': {
      const actual = resolve(user, node.target, bindings);
      return node.values.some((v) => compare(actual, v, isDateProperty(node.target)) === 0);
    }
    case 'function': {
      const actual = resolve(user, node.target, bindings);
      if (typeof actual !== 'string' || typeof node.value !== 'string') return false;
      const a = actual.toLowerCase();
      const b = node.value.toLowerCase();
      if (node.name === 'startsWith') return a.startsWith(b);
      if (node.name === 'endsWith') return a.endsWith(b);
      return a.includes(b);
    }
    case 'lambda': {
      const items = resolve(user, { kind: 'property', path: [node.property] }, bindings);
      const list = Array.isArray(items) ? items : [];
      const test = (item: unknown) =>
        matchesFilter(user, node.predicate, new Map([...bindings, [node.variable, item]]));
      return node.quantifier === 'any' ? list.some(test) : list.every(test);
    }
  }
}

/**
 * Users that could match, from an index, when the filter pins an indexed property (employeeId,
 * UPN, mail, id, proxy address) — so `employeeId eq '123'` over 50,000 users is a lookup, not a
 * scan. Undefined means "scan everything". Results are in the directory's stable order.
 */
export function indexedCandidates(directory: Directory, node: FilterNode): UserEntity[] | undefined {
  const found = candidates(directory, node);
  if (!found) return undefined;
  const unique = [...new Map(found.map((u) => [u.id, u])).values()];
  return unique.sort((a, b) => (directory.positionOf(a.id) ?? 0) - (directory.positionOf(b.id) ?? 0));
}

const INDEXED = new Map<string, 'id' | 'userPrincipalName' | 'employeeId' | 'mail'>([
  ['id', 'id'],
  ['userprincipalname', 'userPrincipalName'],
  ['employeeid', 'employeeId'],
  ['mail', 'mail'],
]);

function candidates(directory: Directory, node: FilterNode): UserEntity[] | undefined {
  switch (node.kind) {
    case 'and':
      return candidates(directory, node.left) ?? candidates(directory, node.right);
    case 'or': {
      const left = candidates(directory, node.left);
      const right = left && candidates(directory, node.right);
      return left && right ? [...left, ...right] : undefined;
    }
    case 'compare':
    case 'in': {
      if (node.kind === 'compare' && node.op !== 'eq') return undefined;
      if (node.target.kind !== 'property' || node.target.path.length !== 1) return undefined;
      const property = INDEXED.get(node.target.path[0]!.toLowerCase());
      const values = node.kind === 'in' ? node.values : [node.value];
      if (!property || !values.every((v) => typeof v === 'string')) return undefined;
      return values.flatMap((v) => directory.candidates(property, v as string));
    }
    case 'lambda': {
      const { predicate } = node;
      if (node.quantifier !== 'any' || node.property.toLowerCase() !== 'proxyaddresses') return undefined;
      if (predicate.kind !== 'compare' || predicate.op !== 'eq' || typeof predicate.value !== 'string') {
        return undefined;
      }
      return directory.candidates('proxyAddresses', predicate.value);
    }
    default:
      return undefined;
  }
}

function resolve(user: UserEntity, operand: FilterOperand, bindings: Bindings): unknown {
  if (operand.kind === 'variable') return bindings.get(operand.name);
  const [head, ...rest] = operand.path;
  const spec = userProperty(head!);
  let value: unknown = spec ? user[spec.name] : undefined;
  for (const segment of rest) {
    if (!value || typeof value !== 'object') return undefined;
    const entry = Object.entries(value).find(([k]) => k.toLowerCase() === segment.toLowerCase());
    value = entry?.[1];
  }
  return value;
}

function isDateProperty(operand: FilterOperand): boolean {
  return operand.kind === 'property' && userProperty(operand.path[0]!)?.kind === 'dateTime';
}

/** -1/0/1, or undefined when the two cannot be ordered (different types, or null vs a value). */
function compare(actual: unknown, literal: FilterLiteral, asDate: boolean): number | undefined {
  if (literal === null) return actual === null || actual === undefined ? 0 : undefined;
  if (actual === null || actual === undefined) return undefined;
  if (asDate && typeof actual === 'string' && typeof literal === 'string') {
    return Math.sign(Date.parse(actual) - Date.parse(literal));
  }
  if (typeof actual === 'string' && typeof literal === 'string') {
    const a = actual.toLowerCase();
    const b = literal.toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof actual === typeof literal)
    return actual === literal ? 0 : (actual as number) < (literal as number) ? -1 : 1;
  return undefined;
}
