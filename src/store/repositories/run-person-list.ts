/**
 * Persons a run left unchanged, with nothing to report, are not stored one row each: the run keeps
 * one compressed list of them (employee number, name, account, and the one line that says why
 * nothing happens). A no-change sync of 50,000 persons so costs a few bytes per person — nothing at
 * all when the list is the same as an earlier run's, which the hash finds.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RunItem, RunStep, StepReason } from '../../core/index.ts';

/**
 * [employeeNumber, displayName, accountId, skipped (1) or success (0), step name, the step's reason —
 * or its message, for steps without one and for lists stored before reasons existed]
 */
export type UnchangedEntry = readonly [
  string,
  string,
  string | null,
  0 | 1,
  RunStep['step'],
  string | StepReason,
];

const KNOWN_FIELDS = new Set([
  'employeeNumber',
  'displayName',
  'action',
  'status',
  'accountId',
  'changes',
  'steps',
  'error',
]);

const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

/**
 * No change, nothing failed or warned, no finding: the person needs no row of their own. Fields this
 * module does not know (findings added later) keep a person as a row whenever they hold anything.
 */
export function isUnchanged(item: RunItem): boolean {
  return (
    item.action === 'no-change' &&
    (item.status === 'success' || item.status === 'skipped') &&
    item.error === null &&
    item.changes.length === 0 &&
    item.steps.every((s) => s.status === 'success' || s.status === 'skipped') &&
    Object.entries(item).every(([key, value]) => KNOWN_FIELDS.has(key) || isEmpty(value))
  );
}

/** The run review's name order: case and diacritics do not count; employee number breaks ties. */
export function nameKey(displayName: string, employeeNumber: string): string {
  const folded = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return `${folded}\u0000${employeeNumber}`;
}

export function toEntry(item: RunItem): UnchangedEntry {
  const last = item.steps[item.steps.length - 1];
  return [
    item.employeeNumber,
    item.displayName,
    item.accountId,
    item.status === 'skipped' ? 1 : 0,
    last?.step ?? 'plan',
    last?.reason ?? last?.message ?? 'no change',
  ];
}

export function fromEntry(entry: UnchangedEntry): RunItem {
  const [employeeNumber, displayName, accountId, skipped, step, why] = entry;
  const status = skipped === 1 ? 'skipped' : 'success';
  return {
    employeeNumber,
    displayName,
    action: 'no-change',
    status,
    accountId,
    changes: [],
    steps: [
      typeof why === 'string' ? { step, status, message: why } : { step, status, message: '', reason: why },
    ],
    error: null,
  };
}

export function encodeList(entries: readonly UnchangedEntry[]): { hash: string; data: Buffer } {
  const json = JSON.stringify(entries);
  return {
    hash: createHash('sha256').update(json).digest('base64url'),
    data: deflateRawSync(json, { level: 6 }),
  };
}

export function decodeList(data: Uint8Array): UnchangedEntry[] {
  return JSON.parse(inflateRawSync(data).toString('utf8')) as UnchangedEntry[];
}
