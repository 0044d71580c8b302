/**
 * What each JSON Schema keyword our schemas check means, in words, so a refusal reads "is longer than
 * the 100 characters it may have" instead of Ajv's "must NOT have more than 100 characters". One table
 * keyed by the keyword, beside pattern-words.ts (the `pattern` keyword's own table): the API's
 * validation errors and the console's and CLI's readable messages both read it, and
 * test/service/keyword-errors.test.ts fails for a keyword our schemas use that is missing here.
 */
import { patternWords } from './pattern-words.ts';

/** Ajv's `params` of one error (`{ limit: 100 }`, `{ allowedValues: [...] }`, …). */
export type KeywordParams = Readonly<Record<string, unknown>>;

/** Up to this many allowed values are listed; more read "is not one of the values this field takes". */
const LISTED_VALUES = 16;

const plural = (n: unknown, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  'date-time': 'must be a date and time such as 2027-03-01T06:00:00Z (with Z or an offset)',
  date: 'must be a date written YYYY-MM-DD',
  email: 'must be an e-mail address such as anna@contoso.nl',
  uri: 'must be a web address such as https://contoso.nl',
  url: 'must be a web address such as https://contoso.nl',
  uuid: 'must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
};

/** A value as a choice is written: as JSON, the way the configuration check lists them. */
const choice = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** 'must be one of "create", "update", "delete"', or without the list when it is long. */
export function oneOfWords(values: readonly unknown[]): string {
  const shown = [...new Set(values.map(choice))];
  if (shown.length === 0 || shown.length > LISTED_VALUES) return 'is not one of the values this field takes';
  if (shown.length === 1) return `must be ${shown[0]}`;
  return `must be one of ${shown.join(', ')}`;
}

/** A field name the client sent, for a message: printable and short. */
const fieldName = (name: unknown): string => {
  const printable = String(name).replace(/[^\x20-\x7e]/g, '?');
  return `'${printable.length > 60 ? `${printable.slice(0, 60)}…` : printable}'`;
};

export const KEYWORD_WORDS: Readonly<Record<string, (params: KeywordParams) => string>> = {
  maxLength: ({ limit }) => `is longer than the ${plural(limit, 'character', 'characters')} it may have`,
  minLength: ({ limit }) =>
    limit === 1
      ? 'must not be empty'
      : `is shorter than the ${plural(limit, 'character', 'characters')} it needs`,
  minimum: ({ limit }) => `must be at least ${String(limit)}`,
  maximum: ({ limit }) => `must be at most ${String(limit)}`,
  exclusiveMinimum: ({ limit }) => `must be more than ${String(limit)}`,
  exclusiveMaximum: ({ limit }) => `must be less than ${String(limit)}`,
  minItems: ({ limit }) =>
    limit === 1 ? 'must not be an empty list' : `must have at least ${plural(limit, 'entry', 'entries')}`,
  maxItems: ({ limit }) => `has more than the ${plural(limit, 'entry', 'entries')} it may have`,
  minProperties: ({ limit }) =>
    limit === 1 ? 'must set at least one field' : `must set at least ${plural(limit, 'field', 'fields')}`,
  maxProperties: ({ limit }) => `sets more than the ${plural(limit, 'field', 'fields')} it may have`,
  uniqueItems: () => 'holds the same value twice; give each once',
  enum: ({ allowedValues }) => oneOfWords(Array.isArray(allowedValues) ? allowedValues : []),
  const: ({ allowedValue }) => oneOfWords([allowedValue]),
  required: () => 'is required',
  additionalProperties: ({ additionalProperty }) =>
    `has a field it does not know: ${fieldName(additionalProperty)}`,
  type: ({ type }) => {
    const types = Array.isArray(type) ? type : String(type).split(',');
    return `must be ${types.map((t) => TYPE_NOUNS[String(t)] ?? String(t)).join(' or ')}`;
  },
  format: ({ format }) =>
    (Object.hasOwn(FORMAT_WORDS, String(format)) ? FORMAT_WORDS[String(format)] : undefined) ??
    'is not in the form this field takes',
  pattern: ({ pattern }) => patternWords(String(pattern)),
  anyOf: () => 'is not one of the forms this field takes',
  oneOf: () => 'is not one of the forms this field takes',
  multipleOf: ({ multipleOf }) => `must be a multiple of ${String(multipleOf)}`,
};

/** One Ajv error in words; a keyword missing from the table says so plainly, never in Ajv's English. */
export const keywordWords = (keyword: string | undefined, params: KeywordParams = {}): string => {
  const words =
    keyword !== undefined && Object.hasOwn(KEYWORD_WORDS, keyword) ? KEYWORD_WORDS[keyword] : undefined;
  return words ? words(params) : 'is not a value this field takes';
};
