import type { AttrValue } from '../core/index.ts';
import type { CallNode } from './ast.ts';
import type { EvalState } from './context.ts';
import type { FunctionName } from './function-names.ts';
import type { Signature } from './signature.ts';

/** A compiled node: the AST is turned into closures once, so evaluating 50,000 persons is cheap. */
export type Compiled = (state: EvalState) => AttrValue;

/** A call as the evaluator sees it: arguments stay unevaluated, so IIF, Switch and Coalesce are lazy. */
export interface RuntimeCall {
  readonly node: CallNode;
  readonly signature: Signature;
  /** `undefined` where the argument was left empty. */
  readonly args: readonly (Compiled | undefined)[];
}

export type FunctionCategory =
  | 'text'
  | 'date'
  | 'logic'
  | 'conversion'
  | 'multi-valued'
  | 'generation'
  | 'names';

export interface CatalogueExample {
  readonly expression: string;
  readonly attributes?: Readonly<Record<string, AttrValue>>;
  readonly output: AttrValue;
  /** Set when evaluating the example would not flow the attribute. */
  readonly flow?: false;
}

export interface FunctionDefinition {
  readonly name: FunctionName;
  readonly category: FunctionCategory;
  readonly signature: Signature;
  /** What the function does, including how it treats null and empty input. Shown in the console. */
  readonly description: string;
  /** Evaluated by the catalogue test with a fixed clock and random source, so it cannot go stale. */
  readonly example: CatalogueExample;
  /** SelectUniqueValue decides the whole value, so, as in Entra, it may not be nested. */
  readonly topLevelOnly?: true;
  /** Extra static rules (which Replace variant, a literal interval); returns a message and position. */
  readonly check?: (node: CallNode) => { readonly message: string; readonly position: number } | undefined;
  readonly evaluate: (call: RuntimeCall, state: EvalState) => AttrValue;
}
