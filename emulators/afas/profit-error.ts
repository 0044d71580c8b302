import { randomBytes } from 'node:crypto';

/**
 * Profit answers functional problems with HTTP 500 and a short JSON body; the details stay in the
 * environment logbook, found by `profitLogReference`. The numbers are the ones AFAS documents for
 * these messages; Profit reuses them widely, so clients must not branch on them.
 */
export const ERROR_NUMBER = {
  unexpected: -2147180999,
  doesNotExist: -2147220469,
  validation: -2147220478,
} as const;

export const UNEXPECTED_ERROR = 'An unexpected error has occurred.';

export interface ProfitErrorBody {
  readonly externalMessage: string;
  readonly errorNumber: number;
  readonly profitLogReference: string;
}

/** Thrown by handlers for anything Profit reports as a 500 with a message. */
export class ProfitError extends Error {
  readonly errorNumber: number;
  /** What the emulator knows about the cause beyond Profit's terse message; shown in the request log. */
  readonly detail: string | undefined;

  constructor(externalMessage: string, errorNumber: number = ERROR_NUMBER.validation, detail?: string) {
    super(externalMessage);
    this.errorNumber = errorNumber;
    this.detail = detail;
  }
}

/** A request Profit cannot even read (no or malformed JSON body): HTTP 400, empty body. */
export class BadRequest extends Error {}

/** Profit's generic answer to invalid request parameters; the emulator keeps the cause as `detail`. */
export function unexpected(detail: string): ProfitError {
  return new ProfitError(UNEXPECTED_ERROR, ERROR_NUMBER.unexpected, detail);
}

export function fieldNotFound(fieldId: string): ProfitError {
  return new ProfitError(`Connector field '${fieldId}' not found`, ERROR_NUMBER.unexpected);
}

export function doesNotExist(label: string, value: string): ProfitError {
  return new ProfitError(
    `The entered value for '${label}' does not exist.`,
    ERROR_NUMBER.doesNotExist,
    `${label} '${value}'`,
  );
}

export function profitErrorBody(error: ProfitError): ProfitErrorBody {
  return {
    externalMessage: error.message,
    errorNumber: error.errorNumber,
    profitLogReference: logReference(),
  };
}

/** 32 upper-case hex characters, like the references Profit hands out. */
export function logReference(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
