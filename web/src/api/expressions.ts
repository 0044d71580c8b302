/**
 * The expression language's function catalogue and parser, straight from src/expr (pure code, no
 * I/O): the console's function help and its instant syntax check are the service's own, so they
 * cannot disagree with what a run will do.
 */
export { FUNCTIONS, type FunctionInfo } from '../../../src/expr/catalogue.ts';
export type { FunctionCategory } from '../../../src/expr/definition.ts';
export { type ParseResult, parseExpression } from '../../../src/expr/parse-expression.ts';
