import { ERROR_NUMBER, ProfitError } from '../profit-error.ts';
import type { Cell } from '../typed-values.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(value: unknown, field: string): ProfitError {
  return new ProfitError(`The entered value '${String(value)}' for '${field}' is not valid.`);
}

/** A key such as `@EmId` or `BcCo`: non-empty text or a number. */
export function keyValue(value: unknown, field: string, label: string): string {
  if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
  if (value === undefined || value === null || value === '')
    throw new ProfitError(`'${label}' (${field}) is required.`, ERROR_NUMBER.validation);
  throw invalid(value, field);
}

/** Text; `""` or null clears the field, as Profit documents for PUT. */
export function textValue(value: unknown, field: string, maxLength = 255): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(value, field);
  const text = String(value);
  if (text.length > maxLength)
    throw new ProfitError(`The value for '${field}' is longer than ${maxLength} characters.`);
  return text;
}

export function emailValue(value: unknown, field: string): string | null {
  const text = textValue(value, field);
  if (text !== null && !EMAIL.test(text)) throw new ProfitError(`The e-mail address '${text}' is not valid.`);
  return text;
}

export function booleanValue(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  throw invalid(value, field);
}

/** A numeric code such as `MatchPer` or `MtCd`, sent as a number or as text. */
export function codeValue(value: unknown, field: string, label: string): number {
  if (value === undefined || value === null || value === '')
    throw new ProfitError(`'${label}' (${field}) is required.`);
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!/^\d+$/.test(text)) throw invalid(value, field);
  return Number(text);
}

export type CellChanges = Record<string, Cell>;

export function unknownField(field: string, objectName: string): ProfitError {
  return new ProfitError(`The field '${field}' is not known in object '${objectName}'.`);
}

/** Only insert and update exist for these objects in the emulator; Profit's delete is not emulated. */
export function actionOf(value: unknown, objectName: string): 'insert' | 'update' | undefined {
  if (value === undefined) return undefined;
  if (value === 'insert' || value === 'update') return value;
  if (value === 'delete')
    throw new ProfitError(`The AFAS emulator does not support deleting '${objectName}'.`);
  throw invalid(value, '@Action');
}
