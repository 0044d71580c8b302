/**
 * Every function the expression language knows. The first block mirrors Microsoft Entra's
 * attribute-mapping functions (minus AppRoleAssignmentsComplex and SingleAppRoleAssignment, which
 * only make sense for app-role assignments of an enterprise app); the last block is hrsync's own
 * Dutch name handling. The registry in functions/index.ts must have exactly these keys.
 */
export const FUNCTION_NAMES = [
  'Append',
  'BitAnd',
  'CBool',
  'CDate',
  'Coalesce',
  'ConvertToBase64',
  'ConvertToUTF8Hex',
  'Count',
  'CStr',
  'DateAdd',
  'DateDiff',
  'DateFromNum',
  'FormatDateTime',
  'Guid',
  'IgnoreFlowIfNullOrEmpty',
  'IIF',
  'InStr',
  'IsNull',
  'IsNullOrEmpty',
  'IsPresent',
  'IsString',
  'Item',
  'Join',
  'Left',
  'Mid',
  'NormalizeDiacritics',
  'Not',
  'Now',
  'NumFromDate',
  'PCase',
  'RandomString',
  'Redact',
  'RemoveDuplicates',
  'Replace',
  'SelectUniqueValue',
  'Split',
  'StripSpaces',
  'Switch',
  'ToLower',
  'ToUpper',
  'Word',
  'NameConvention',
  'DutchSurname',
  'DutchDisplayName',
  'Transliterate',
] as const;

export type FunctionName = (typeof FUNCTION_NAMES)[number];

// Entra's own docs spell the same function `Switch` and `switch`, so names resolve case-insensitively
// to the canonical spelling; attribute names and string comparisons stay case-sensitive.
const BY_LOWER_NAME: ReadonlyMap<string, FunctionName> = new Map(
  FUNCTION_NAMES.map((n) => [n.toLowerCase(), n]),
);

export function resolveFunctionName(name: string): FunctionName | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/**
 * Text functions that give the same value for the same arguments: no clock, random stream, registry
 * or pattern. The planner may evaluate a call of these once instead of twice (unique-name rules and
 * candidates). Typed by FunctionName, so a renamed function fails the type check here.
 */
const SAME_ANSWER_FUNCTIONS: ReadonlySet<FunctionName> = new Set<FunctionName>([
  'Join',
  'Left',
  'Mid',
  'StripSpaces',
  'ToLower',
  'ToUpper',
  'NormalizeDiacritics',
  'Coalesce',
]);

/** Whether a function, named in any case, is one of SAME_ANSWER_FUNCTIONS. */
export function givesSameAnswer(name: string): boolean {
  const known = resolveFunctionName(name);
  return known !== undefined && SAME_ANSWER_FUNCTIONS.has(known);
}
