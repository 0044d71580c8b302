import type { FunctionName } from './function-names.ts';

/** Offsets into the expression text (0-based, `end` exclusive), so every error can point somewhere. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface CallNode extends Span {
  readonly kind: 'call';
  readonly name: FunctionName;
  readonly args: readonly ArgumentNode[];
}

export interface AttributeNode extends Span {
  readonly kind: 'attribute';
  readonly name: string;
}

export interface StringNode extends Span {
  readonly kind: 'string';
  readonly value: string;
}

export interface NumberNode extends Span {
  readonly kind: 'number';
  readonly value: number;
  /** The literal as written: AD file times such as 129699324000000000 exceed a double's exact range. */
  readonly text: string;
}

export interface BooleanNode extends Span {
  readonly kind: 'boolean';
  readonly value: boolean;
}

/** A VBA named constant such as `vbTextCompare`, kept by name so error messages can quote it. */
export interface ConstantNode extends Span {
  readonly kind: 'constant';
  readonly name: string;
  readonly value: number;
}

export interface ComparisonNode extends Span {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

/** An argument left empty, as in `Replace([mail], "@contoso.com", , , "", , )`. */
export interface MissingNode extends Span {
  readonly kind: 'missing';
}

export type ExprNode =
  | CallNode
  | AttributeNode
  | StringNode
  | NumberNode
  | BooleanNode
  | ConstantNode
  | ComparisonNode;

export type ArgumentNode = ExprNode | MissingNode;

/** A parsed, checked, frozen expression: what parseExpression returns and evaluate takes. */
export type Expression = ExprNode;
