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
  if (
    item.action !== 'no-change' ||
    (item.status !== 'success' && item.status !== 'skipped') ||
    item.error !== null ||
    item.changes.length !== 0
  )
    return false;
  for (const s of item.steps) if (s.status !== 'success' && s.status !== 'skipped') return false;
  return knownFieldsOnly(item);
}

/** A run item's fields in the order the engine makes them. */
const FIELD_ORDER: readonly string[] = [...KNOWN_FIELDS];

/**
 * The item has no field this module does not know that holds anything. An item whose own keys are
 * exactly the known ones in the engine's order (every item a run makes) is told so by one array of
 * its keys, compared by reference — not a Set lookup per key (a run asks this of every person).
 */
function knownFieldsOnly(item: RunItem): boolean {
  const keys = Object.keys(item);
  if (keys.length === FIELD_ORDER.length) {
    let at = 0;
    while (at < keys.length && keys[at] === FIELD_ORDER[at]) at++;
    if (at === keys.length) return true;
  }
  for (const key in item) {
    if (!KNOWN_FIELDS.has(key) && Object.hasOwn(item, key) && !isEmpty(item[key as keyof RunItem]))
      return false;
  }
  return true;
}

/** Printable ASCII: nothing to decompose or strip. */
const PLAIN = /^[ -~]*$/;

/** The run review's name order: case and diacritics do not count; employee number breaks ties. */
export function nameKey(displayName: string, employeeNumber: string): string {
  return `${foldName(displayName)}\u0000${employeeNumber}`;
}

/** A name as its key holds it: without case and diacritics. */
export function foldName(displayName: string): string {
  // Plain ASCII has nothing to decompose or strip (most names; a run keys every person).
  return PLAIN.test(displayName)
    ? displayName.toLowerCase()
    : displayName
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
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

/**
 * Entries per chunk. A list is stored as chunks compressed one by one behind a table of their byte
 * offsets, so a page of "everyone" reads and inflates one or two chunks, never the whole list.
 */
export const LIST_CHUNK = 256;
/**
 * The first byte of a chunked list. A list of the first format is one raw-deflate stream, whose first
 * byte never has both block-type bits set (type 3 is reserved), so the two cannot be confused.
 */
const CHUNKED = 0x07;

/** Bytes before the first chunk: the marker and one 32-bit offset per chunk boundary. */
export const listHeadBytes = (persons: number): number => 1 + 4 * (Math.ceil(persons / LIST_CHUNK) + 1);

/** A list made into text, chunk by chunk, and its hash: enough to know whether it is stored already. */
export interface ListText {
  readonly hash: string;
  readonly chunks: readonly string[];
}

export function listText(entries: readonly UnchangedEntry[]): ListText {
  // The hash covers each chunk's JSON as it is compressed, so the list is made into text once: a list
  // equal to an earlier run's is shared.
  const hash = createHash('sha256');
  const chunks: string[] = [];
  for (let at = 0; at < entries.length; at += LIST_CHUNK) {
    const json = JSON.stringify(entries.slice(at, at + LIST_CHUNK));
    hash.update(json).update('\n');
    chunks.push(json);
  }
  return { hash: hash.digest('base64url'), chunks };
}

/**
 * The same data, as JSON would write it and beyond: equal (`===`) primitives, arrays of the same
 * length alike element by element, plain objects with the same keys in the same order and the same
 * values, typed arrays and buffers of the same type and bytes. Anything else (another prototype: a
 * `Date`'s text is its `toJSON`'s) counts as different, which only costs making what it would reuse.
 * Two lists of entries alike so are written as the same text, of the same hash.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  const other = Object.keys(y);
  if (keys.length !== other.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    if (key !== other[k] || !sameData(x[key], y[key])) return false;
  }
  return true;
}

const isPlain = (o: object): boolean => {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
};

/**
 * Two lists of entries are written as the same text, so have the same hash: a run that leaves the
 * same persons unchanged as the connection's last one (every warm simulation, most syncs) finds its
 * list's hash without making its ~100 bytes a person of text (at 50,000 persons ~25 ms, and its garbage).
 */
export function sameEntries(a: readonly UnchangedEntry[], b: readonly UnchangedEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as UnchangedEntry;
    const y = b[i] as UnchangedEntry;
    if (
      x.length !== 6 ||
      y.length !== 6 ||
      x[0] !== y[0] ||
      x[1] !== y[1] ||
      x[2] !== y[2] ||
      x[3] !== y[3] ||
      x[4] !== y[4] ||
      !sameData(x[5], y[5])
    )
      return false;
  }
  return true;
}

/** The stored bytes of a list's text: a head of chunk offsets, then each chunk compressed. */
export function compressList(text: ListText): {
  data: Buffer;
  /** The chunk boundaries, as `chunkOffsets` reads them from the head. */
  offsets: number[];
} {
  const chunks = text.chunks.map((json) => deflateRawSync(json, { level: 6 }));
  const head = Buffer.alloc(1 + 4 * (chunks.length + 1));
  head[0] = CHUNKED;
  let offset = head.length;
  const offsets = [offset];
  chunks.forEach((chunk, i) => {
    head.writeUInt32LE(offset, 1 + 4 * i);
    offset += chunk.length;
    offsets.push(offset);
  });
  head.writeUInt32LE(offset, 1 + 4 * chunks.length);
  return { data: Buffer.concat([head, ...chunks]), offsets };
}

/**
 * The chunk boundaries of a chunked list from its first `listHeadBytes(persons)` bytes (offsets
 * from the list's first byte, one more than there are chunks), or null for a list of the first format.
 */
export function chunkOffsets(head: Uint8Array, persons: number): number[] | null {
  if (head[0] !== CHUNKED) return null;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  return Array.from({ length: Math.ceil(persons / LIST_CHUNK) + 1 }, (_, i) => bytes.readUInt32LE(1 + 4 * i));
}

export function decodeChunk(data: Uint8Array): UnchangedEntry[] {
  return JSON.parse(inflateRawSync(data).toString('utf8')) as UnchangedEntry[];
}

export function decodeList(data: Uint8Array, persons: number): UnchangedEntry[] {
  const offsets = chunkOffsets(data, persons);
  if (offsets === null) return decodeChunk(data);
  const entries: UnchangedEntry[] = [];
  for (let i = 0; i + 1 < offsets.length; i++)
    entries.push(...decodeChunk(data.subarray(offsets[i], offsets[i + 1])));
  return entries;
}
