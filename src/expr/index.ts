/**
 * The expression language: Microsoft Entra attribute-mapping expressions (same syntax, same functions)
 * plus Dutch name handling. Pure: the clock, randomness and uniqueness check come in through the
 * EvalContext. Parse once, evaluate per person.
 */
export type {
  ArgumentNode,
  AttributeNode,
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  Expression,
  ExprNode,
  MissingNode,
} from './ast.ts';
export { EXAMPLE_NOW, exampleContext, FUNCTIONS, type FunctionInfo } from './catalogue.ts';
export { type CompiledExpression, type CompileResult, compile } from './compile.ts';
export type { EvalContext } from './context.ts';
export type { CatalogueExample, FunctionCategory } from './definition.ts';
export {
  attributeReader,
  bindExpression,
  type EvalResult,
  type EvaluationError,
  evaluate,
} from './evaluate.ts';
export { FUNCTION_NAMES, type FunctionName, givesSameAnswer } from './function-names.ts';
export { joinValue } from './functions/join.ts';
export { lineAndColumn } from './location.ts';
export {
  DISPLAY_NAME_MAX_LENGTH,
  type DutchNameParts,
  dutchDisplayName,
  dutchSurname,
} from './names/dutch-surname.ts';
export { type NameConvention, nameConvention } from './names/name-convention.ts';
export { type ParseError, type ParseResult, parseExpression } from './parse-expression.ts';
export { literalPatterns, references } from './references.ts';
export { boundedTest, PATTERN_BUDGET_MS, PatternTimeout } from './text/bounded-regex.ts';
export { type CompiledRegex, compileDotnetRegex } from './text/dotnet-regex.ts';
export { editDistance } from './text/edit-distance.ts';
export { normalizeDiacritics } from './text/normalize-diacritics.ts';
export { transliterate } from './text/transliterate.ts';
export { toHrsyncError } from './to-hrsync-error.ts';
export { MAX_TEXT_LENGTH } from './value-limit.ts';
