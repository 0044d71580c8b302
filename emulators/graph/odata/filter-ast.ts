export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal after OData decoding: `'O''Brien'` → `O'Brien`; unquoted dates stay strings. */
export type FilterLiteral = string | number | boolean | null;

/** A property path (`employeeId`, `employeeOrgData/costCenter`) or a lambda's range variable. */
export type FilterOperand =
  | { readonly kind: 'property'; readonly path: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string };

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOperator;
      readonly target: FilterOperand;
      readonly value: FilterLiteral;
    }
  | { readonly kind: 'in'; readonly target: FilterOperand; readonly values: readonly FilterLiteral[] }
  | {
      readonly kind: 'function';
      readonly name: 'startsWith' | 'endsWith' | 'contains';
      readonly target: FilterOperand;
      readonly value: FilterLiteral;
    }
  | {
      readonly kind: 'lambda';
      readonly quantifier: 'any' | 'all';
      readonly property: string;
      readonly variable: string;
      readonly predicate: FilterNode;
    };
