/**
 * A stored item's line (run-item-blocks.ts): one JSON tuple per item, written compact — changes as one
 * flat list `[attribute, old, new, attribute, old, new, …]`, a step as `[step, why]` when it succeeded
 * (else `[step, status, why]`), a reason as `[number of its code, …its fields]` (`REASON_FIELDS`), the
 * scope step's usual message as a number. Keys, codes and "success" were half of a line (a warm
 * 20,000-person simulation: ~985 characters an item), and JSON.stringify's time and deflate's grow with
 * the text. Lines written before — changes as objects, steps as `[step, status, why]`, reasons as
 * objects — read as they are: each part is told apart by its shape, so no line carries a format mark.
 */
import type {
  Action,
  AttributeChange,
  ItemStatus,
  RunItem,
  RunStep,
  StepReason,
  StepReasonCode,
} from '../../core/index.ts';

type Fields<C extends StepReasonCode> = Exclude<keyof Extract<StepReason, { readonly code: C }>, 'code'>;

/**
 * Each reason code's number and then its fields, in the order a stored tuple holds them after the
 * number — the order the engine makes them in, so a reason reads back with its keys in that order. A
 * tuple shorter than its list reads back without the fields it lacks, as the object had them. Stored
 * tuples are read with this table: a number is never changed or reused, a code never removed, and a
 * field only ever added at the end of its list.
 */
const REASONS = {
  person: [0, 'lifecycle', 'employments', 'primary', 'start', 'end', 'unit', 'hire'],
  'missing-from-source': [1],
  linked: [2, 'account', 'since', 'override'],
  matched: [3, 'account', 'attribute', 'value', 'unlinked'],
  'no-account': [4, 'tried', 'staleLink', 'unlinkedByOverride'],
  conflict: [5, 'attribute', 'value', 'accounts'],
  'conflict-linked-elsewhere': [
    6,
    'account',
    'attribute',
    'value',
    'owner',
    'inRun',
    'ownerAttribute',
    'tie',
  ],
  'override-account-gone': [7, 'account'],
  excluded: [8, 'by', 'note'],
  'up-to-date': [9],
  update: [10, 'count'],
  enable: [11, 'lifecycle', 'count'],
  disable: [12, 'lifecycle', 'count'],
  create: [13, 'enabled', 'upn', 'start', 'leadDays'],
  'no-account-needed': [14, 'lifecycle', 'start', 'end', 'leadDays'],
  'delete-due': [15, 'end', 'days'],
  'out-of-scope-left': [16, 'account'],
  'out-of-scope-write': [17, 'policy'],
  'missing-disable': [18],
  'missing-left': [19],
  manager: [20, 'old', 'new'],
  'manager-unresolved': [21, 'manager', 'name', 'why'],
  'name-taken': [22, 'first', 'why', 'chosen', 'candidate'],
  refused: [23, 'target', 'create', 'problems'],
  shortened: [24, 'target', 'attribute', 'max', 'old', 'new'],
  'owned-elsewhere': [25, 'owner', 'changes', 'lifecycle'],
  quarantined: [26, 'since', 'because'],
  released: [27, 'since', 'because', 'byOperator'],
  created: [28, 'account'],
  applied: [29, 'write'],
  'manager-set': [30],
  'written-back': [31],
  'outside-read': [32, 'create', 'attribute', 'container', 'base'],
  'container-unusable': [33, 'create', 'attribute', 'container', 'problem'],
} as const satisfies { readonly [C in StepReasonCode]: readonly [number, ...Fields<C>[]] };

/** A reason's field that its code's list leaves out: none, or this does not compile. */
type Unlisted = {
  [C in StepReasonCode]: Exclude<Fields<C>, (typeof REASONS)[C][number]>;
}[StepReasonCode];
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
/** A change is its three fields, nothing else: one more and this does not compile. */
const changeIsThreeFields: [keyof AttributeChange] extends ['attribute' | 'old' | 'new'] ? true : never =
  true;
void everyFieldListed;
void changeIsThreeFields;

/** Each code's list by its number. */
const BY_NUMBER: (readonly [StepReasonCode, ...string[]])[] = [];
for (const [code, [n, ...fields]] of Object.entries(REASONS) as [
  StepReasonCode,
  readonly [number, ...string[]],
][]) {
  if (BY_NUMBER[n] !== undefined) throw new Error(`reason number ${n} is ${BY_NUMBER[n]?.[0]} and ${code}`);
  BY_NUMBER[n] = [code, ...fields];
}

/**
 * Step messages stored as their number (the scope step of every person when a connection has no
 * scoping filters). Append only: a stored number means its text for ever.
 */
const MESSAGES: readonly string[] = ['no scoping filters: everyone is in scope'];
const MESSAGE_NUMBER = new Map(MESSAGES.map((m, i) => [m, i]));

/** A reason as stored: `[number, …fields]`; an object in lines written before (and see `reasonTuple`). */
type StoredReason = readonly [number, ...unknown[]] | StepReason;

/**
 * A step as stored: `[step, why]` when it succeeded, else `[step, status, why]`. Its why is its reason —
 * the code and its parameters only, since the words and the detail behind them (`stepDetail`) are made
 * from the reason where shown — or, for a step without one, its message (a number: one of `MESSAGES`).
 * Rows and lines written before hold `[step, status, why]` (a reason as an object), or step objects.
 */
export type StoredStep =
  | readonly [RunStep['step'], string | number | StoredReason | null]
  | readonly [RunStep['step'], ItemStatus, string | number | StoredReason | null];

/** A stored item's line: `[employeeNumber, displayName, action, status, accountId, changes, steps, error]`. */
type Line = readonly [
  string,
  string,
  Action,
  ItemStatus,
  string | null,
  /** `[attribute, old, new, …]`; objects in lines written before. */
  readonly (AttributeChange | AttributeChange[keyof AttributeChange])[] | null,
  readonly StoredStep[] | null,
  RunItem['error'],
];

/**
 * A reason as its tuple, or the reason itself when a tuple would not read back as it is: its keys are
 * not `code` and then a prefix of its code's fields in order, or one is undefined (JSON leaves it out).
 */
function reasonTuple(reason: StepReason): StoredReason {
  const listed = REASONS[reason.code] as readonly (number | string)[] | undefined;
  if (listed === undefined) return reason;
  const tuple: unknown[] = [listed[0]];
  let at = 0;
  for (const key in reason) {
    if (at === 0) {
      if (key !== 'code') return reason;
    } else {
      const value = (reason as unknown as Record<string, unknown>)[key];
      if (key !== listed[at] || value === undefined) return reason;
      tuple.push(value);
    }
    at++;
  }
  return tuple as unknown as StoredReason;
}

function readReason(stored: StoredReason | null): StepReason {
  if (!Array.isArray(stored)) return stored as StepReason;
  const listed = BY_NUMBER[stored[0] as number];
  if (listed === undefined) throw new Error(`a stored reason of unknown number ${stored[0]}`);
  const reason: Record<string, unknown> = { code: listed[0] };
  for (let i = 1; i < stored.length; i++) reason[listed[i] as string] = stored[i];
  return reason as unknown as StepReason;
}

function storedStep(s: RunStep): StoredStep {
  const reason = s.reason;
  let why: string | number | StoredReason | null;
  if (reason !== undefined) why = reasonTuple(reason);
  else {
    const message = s.message ?? null;
    why = (message === null ? undefined : MESSAGE_NUMBER.get(message)) ?? message;
  }
  return s.status === 'success' ? [s.step, why] : [s.step, s.status, why];
}

export const readStep = (s: StoredStep | RunStep): RunStep => {
  if (!Array.isArray(s)) return s as RunStep;
  const succeeded = s.length === 2;
  const step = s[0];
  const status = succeeded ? 'success' : (s[1] as ItemStatus);
  const why = (succeeded ? s[1] : s[2]) as string | number | StoredReason | null;
  if (typeof why === 'string') return { step, status, message: why };
  if (typeof why === 'number') return { step, status, message: MESSAGES[why] as string };
  return { step, status, message: '', reason: readReason(why) };
};

/**
 * The changes as one list `[attribute, old, new, …]`, or as they are (objects, as lines written
 * before hold them) when a value is undefined: JSON leaves such a key out of its object.
 */
function storedChanges(changes: readonly AttributeChange[]): Line[5] {
  // Written into an array of its length: pushed, the values made itemLine slower than the keyed
  // objects were (a micro-bench: ×1.25 their CPU, against ×0.8 so).
  const stored: AttributeChange[keyof AttributeChange][] = new Array(3 * changes.length);
  let at = 0;
  for (const c of changes) {
    if (c.old === undefined || c.new === undefined) return changes;
    stored[at++] = c.attribute;
    stored[at++] = c.old;
    stored[at++] = c.new;
  }
  return stored;
}

function readChanges(stored: Line[5]): RunItem['changes'] {
  if (stored === null) return [];
  if (stored.length === 0 || typeof stored[0] === 'object') return stored as readonly AttributeChange[];
  const changes: AttributeChange[] = new Array(stored.length / 3);
  for (let i = 0; i < changes.length; i++)
    changes[i] = {
      attribute: stored[3 * i] as string,
      old: stored[3 * i + 1] as AttributeChange['old'],
      new: stored[3 * i + 2] as AttributeChange['new'],
    };
  return changes;
}

/**
 * One JSON text for the whole tuple, its parts made compact first (a 50,000-person run's 16,500 stored
 * items: ~180 ms, where stringifying its parts one by one and joining them took ~350 ms). JSON never
 * holds a raw line break, so a line is one item whatever its names hold.
 */
export function itemLine(item: RunItem): string {
  return JSON.stringify([
    item.employeeNumber,
    item.displayName,
    item.action,
    item.status,
    item.accountId,
    storedChanges(item.changes),
    item.steps.map(storedStep),
    item.error,
  ]);
}

export function lineItem(text: string): RunItem {
  const [employeeNumber, displayName, action, status, accountId, changes, steps, error] = JSON.parse(
    text,
  ) as Line;
  return {
    employeeNumber,
    displayName,
    action,
    status,
    accountId,
    changes: readChanges(changes),
    steps: (steps ?? []).map(readStep),
    error: error ?? null,
  };
}
