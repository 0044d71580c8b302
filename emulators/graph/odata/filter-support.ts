import { type PropertySpec, type QuerySupport, userProperty } from '../directory/user-properties.ts';
import { GraphError, unsupportedQuery } from '../graph/graph-error.ts';
import type { FilterLiteral, FilterNode, FilterOperand } from './filter-ast.ts';

/** Sub-properties of complex user properties that Graph can filter (advanced queries only). */
const COMPLEX_PATHS: Readonly<Record<string, readonly string[]>> = {
  employeeorgdata: ['division', 'costCenter'],
  onpremisesextensionattributes: Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
};

/**
 * Checks a `$filter` against what Graph supports for users and reports whether it needs the
 * advanced query parameters. Unknown properties and unsupported operators fail like Graph does;
 * the caller decides whether an `advanced` result is allowed.
 */
export function filterNeedsAdvanced(node: FilterNode): boolean {
  return check(node, undefined);
}

function check(node: FilterNode, lambda: { variable: string; spec: PropertySpec } | undefined): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return check(node.left, lambda) || check(node.right, lambda);
    case 'not':
      check(node.operand, lambda);
      return true;
    case 'lambda': {
      const spec = knownProperty(node.property);
      if (spec.kind !== 'strings' || !spec.filter?.eq) throw unsupportedClause(node.property);
      if (node.quantifier === 'all') throw unsupportedClause(node.property);
      return check(node.predicate, { variable: node.variable, spec });
    }
    case 'compare':
    case 'in': {
      const values = node.kind === 'in' ? node.values : [node.value];
      const op = node.kind === 'in' ? 'in' : node.op;
      return needs(operandSupport(node.target, lambda), op, values);
    }
    case 'function': {
      const target = operandSupport(node.target, lambda);
      if (node.name === 'contains') throw unsupportedClause(target.name);
      const level = node.name === 'startsWith' ? target.support.startsWith : target.support.endsWith;
      if (!level) throw unsupportedClause(target.name);
      return level === 'advanced';
    }
  }
}

interface OperandSupport {
  readonly name: string;
  readonly support: NonNullable<PropertySpec['filter']>;
}

function operandSupport(
  operand: FilterOperand,
  lambda: { variable: string; spec: PropertySpec } | undefined,
): OperandSupport {
  if (operand.kind === 'variable') {
    if (!lambda || lambda.variable !== operand.name) throw unsupportedClause(operand.name);
    return { name: lambda.spec.name, support: lambda.spec.filter ?? {} };
  }
  const [head, ...rest] = operand.path;
  if (rest.length > 0) {
    const allowed = COMPLEX_PATHS[head!.toLowerCase()];
    if (!allowed?.some((p) => p.toLowerCase() === rest.join('/').toLowerCase())) {
      throw unknownProperty(operand.path.join('/'));
    }
    return { name: operand.path.join('/'), support: { eq: 'advanced', nullValues: 'advanced' } };
  }
  const spec = knownProperty(head!);
  // A collection is filtered through a lambda (`proxyAddresses/any(p:p eq '…')`), never directly.
  if (!spec.filter || spec.kind === 'strings') throw unsupportedClause(spec.name);
  return { name: spec.name, support: spec.filter };
}

function needs(target: OperandSupport, op: string, values: readonly FilterLiteral[]): boolean {
  const { support } = target;
  let level: QuerySupport | undefined;
  if (values.some((v) => v === null)) level = support.nullValues;
  else if (op === 'eq' || op === 'in' || op === 'ne') level = support.eq;
  else level = support.range;
  if (!level) throw unsupportedClause(target.name);
  return level === 'advanced' || op === 'ne';
}

function knownProperty(name: string): PropertySpec {
  const spec = userProperty(name);
  if (!spec) throw unknownProperty(name);
  return spec;
}

export function advancedRequired(what: string): GraphError {
  return unsupportedQuery(
    `${what} is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

/** Names the first operator or property that made a filter advanced, for the error message. */
export function advancedReason(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return safeReason(node.left) ?? advancedReason(node.right);
    case 'not':
      return "Operator 'not'";
    case 'lambda':
      return advancedReason(node.predicate);
    case 'function':
      return `Operator '${node.name}'`;
    case 'compare':
      if (node.op === 'ne') return "Operator 'ne'";
      return `Filter on property '${operandName(node.target)}'`;
    case 'in':
      return `Filter on property '${operandName(node.target)}'`;
  }
}

function safeReason(node: FilterNode): string | undefined {
  try {
    return filterNeedsAdvanced(node) ? advancedReason(node) : undefined;
  } catch {
    return undefined;
  }
}

function operandName(operand: FilterOperand): string {
  return operand.kind === 'variable' ? operand.name : operand.path.join('/');
}

function unsupportedClause(property: string): GraphError {
  return unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
  );
}

function unknownProperty(name: string): GraphError {
  return new GraphError(
    400,
    'BadRequest',
    `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
  );
}
