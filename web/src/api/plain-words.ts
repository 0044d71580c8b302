/**
 * Turns any failure into a title and message an administrator can act on. The service's message
 * already says what to do; the title names the kind of problem so it can be told apart at a glance.
 */
import { isApiError } from './api-error.ts';
import { ERROR_CATALOGUE, type ErrorCode, ERROR_TITLES as TITLES } from './contracts.ts';

export interface PlainError {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
}

const isCatalogued = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

/**
 * The fields of the API's bodies in the words the console's forms use, so a refusal names the field
 * the administrator sees ("Most disables + deletes per run"), not its JSON name.
 */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  thresholds: 'Safety thresholds',
  maxDisableDeleteCount: 'Most disables + deletes per run',
  maxDisableDeletePercent: 'Most disables + deletes (% of accounts)',
  maxSourceShrinkPercent: 'Most the source may shrink (%)',
  lifecycle: 'Lifecycle',
  deleteAfterDays: 'Delete a leaver’s account after (days)',
  missingFromSource: 'When a person disappears from AFAS',
  setManager: 'Set each account’s manager',
  scope: 'Scope',
  outOfScope: 'When a person leaves scope',
  filters: 'Filter',
  clauses: 'clause',
  attribute: 'attribute',
  operator: 'operator',
  persons: 'Persons',
  leadDays: 'Lead days',
  graceDays: 'Grace days',
  primary: 'Primary employment rules',
  timeZone: 'Time zone',
  mapping: 'Mapping rule',
  target: 'target attribute',
  source: 'source',
  matching: 'Matching attribute',
  uniqueness: 'Unique names',
  writeBack: 'Write-back to AFAS',
  environment: 'AFAS environment',
  baseUrl: 'address',
  token: 'token',
  tenantId: 'Tenant',
  defaultDomain: 'Default domain',
  name: 'Name',
  description: 'Description',
  email: 'E-mail address',
  emails: 'E-mail recipients',
  webhooks: 'Webhook',
  url: 'URL',
  signingKey: 'signing key',
  smtp: 'Mail server',
  host: 'host',
  port: 'port',
  password: 'password',
  reason: 'Reason',
  role: 'Role',
  expiresAt: 'Expiry',
};

/** `/mapping/3/source` → `Mapping rule 4 › source`: positions count from 1, as the screen does. */
export const readablePath = (path: string): string =>
  path
    .replace(/^\//, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : (FIELD_WORDS[part] ?? part)))
    .join(' › ')
    .replace(/ › (\d+)/g, ' $1');

/** Ajv's phrases ("must be >= 0") as sentences an administrator reads. */
const readableMessage = (message: string): string =>
  message
    .replace(/^must be >= (\S+)$/, 'must be $1 or more')
    .replace(/^must be <= (\S+)$/, 'must be $1 or less')
    .replace(/^must be > (\S+)$/, 'must be more than $1')
    .replace(/^must be < (\S+)$/, 'must be less than $1')
    .replace(/^must NOT have fewer than (\d+) characters?$/, 'must have at least $1 characters')
    .replace(/^must NOT have more than (\d+) characters?$/, 'must have at most $1 characters')
    .replace(/^must NOT have fewer than (\d+) items?$/, 'needs at least $1')
    .replace(/^must have required property '.*'$/, 'is required')
    .replace(/^must be integer$/, 'must be a whole number')
    .replace(/^must be number$/, 'must be a number')
    .replace(/^must be equal to one of the allowed values$/, 'is not one of the choices')
    .replace(/^must match format "(email)"$/, 'is not an e-mail address')
    .replace(/^must match format "(uri|url)"$/, 'is not a web address');

/**
 * `titles` lets a page name a refusal for what it means there: on the sign-in page
 * HRS_UNAUTHENTICATED is "Wrong e-mail address or password", not "You are signed out".
 */
export function plainWords(error: unknown, titles: Partial<Record<ErrorCode, string>> = {}): PlainError {
  if (isApiError(error)) {
    const title = isCatalogued(error.code)
      ? (titles[error.code] ?? TITLES[error.code])
      : error.code === 'NETWORK'
        ? 'Cannot reach hrsync'
        : 'The operation failed';
    const details = error.details.map((d) => {
      const where = readablePath(d.path);
      const what = readableMessage(d.message);
      return where ? `${where}: ${what}` : what;
    });
    // The service's summary of a refused body repeats the fields by their JSON names; the details
    // below it name them in words.
    const message =
      error.code === 'HRS_VALIDATION' && details.length > 0 && /^The \w+ is invalid: /.test(error.message)
        ? details.length === 1
          ? 'This value was not accepted:'
          : 'These values were not accepted:'
        : error.message;
    return { title, message, details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'The operation failed', message, details: [] };
}
