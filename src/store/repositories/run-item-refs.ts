/**
 * Whom a run's items mention by id, to be named where they are shown: accounts (their own,
 * conflict candidates) and persons (managers old and new, owners of a conflicting link).
 */
import { inflateRawSync } from 'node:zlib';
import type { RunItem, StepReason } from '../../core/index.ts';

/** Accounts and persons a page of items names: their accounts, conflict candidates, managers, owners. */
export function namedIn(items: readonly RunItem[]): { accounts: string[]; persons: string[] } {
  const accounts: string[] = [];
  const persons: string[] = [];
  for (const i of items) {
    if (i.accountId !== null) accounts.push(i.accountId);
    for (const a of i.error?.accounts ?? []) accounts.push(a);
    for (const s of i.steps) {
      const r = s.reason;
      if (!r) continue;
      if (r.code === 'matched' || r.code === 'linked' || r.code === 'created') accounts.push(r.account);
      else if (r.code === 'conflict') accounts.push(...r.accounts);
      else if (r.code === 'conflict-linked-elsewhere') accounts.push(r.account);
    }
    personsNamedBy(i, (p) => persons.push(p));
  }
  return { accounts, persons };
}

/**
 * The persons a whole run's items name (when it is recorded): the accounts are left out, since a
 * run's 50,000 account ids would only be collected to be dropped.
 */
export function personsNamedIn(items: readonly RunItem[]): Set<string> {
  const persons = new Set<string>();
  const add = (p: string) => persons.add(p);
  // Indexed loops, here and below: iterating a run's 50,000 items and their changes and steps made
  // ~7 MB of iterator results and `[old, new]` arrays before the loops were optimised.
  for (let i = 0; i < items.length; i++) personsNamedBy(items[i] as RunItem, add);
  return persons;
}

/** Tells `add` each person one item names (the persons of `personsNamedIn`). */
export function personsNamedBy(i: RunItem, add: (employeeNumber: string) => void): void {
  const changes = i.changes;
  for (let n = 0; n < changes.length; n++) {
    const c = changes[n] as RunItem['changes'][number];
    if (c.attribute === 'manager') {
      if (typeof c.old === 'string') add(c.old);
      if (typeof c.new === 'string') add(c.new);
    }
  }
  const steps = i.steps;
  for (let n = 0; n < steps.length; n++) {
    const s = steps[n] as RunItem['steps'][number];
    // A read step's reason describes the person alone (and the planner makes it when it is read):
    // everyone has one, so it is not made 50,000 times a run to find nobody.
    if (s.step !== 'read') personsNamedByReason(s.reason, add);
  }
}

/** Tells `add` each person one step's reason names. */
export function personsNamedByReason(r: StepReason | undefined, add: (employeeNumber: string) => void): void {
  if (r === undefined) return;
  if (r.code === 'conflict-linked-elsewhere') add(r.owner);
  else if (r.code === 'manager') {
    if (r.old !== null) add(r.old);
    if (r.new !== null) add(r.new);
  }
}

/** Names by employee number, as a run keeps those of the unchanged persons its items mention. */
export interface KeptNames {
  get(employeeNumber: string): string | undefined;
}

/** `[employeeNumber, name]`, and whatever else a text keeps of each person after them. */
type Named = readonly [string, string, ...unknown[]];

const byNumber = (a: Named, b: Named) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The text of kept names: a JSON array of `[employeeNumber, name]`, one entry a line, in employee
 * number order — so a page finds its few names by a binary search over the lines, instead of parsing
 * a run's thousands of names first (at 50,000 persons 3,500 names, 100 KB: 4–5 ms of a first request).
 * An entry may carry more after the name (a run's index of its stored items: seq and ranks).
 */
export function keptNamesText(names: Named[]): string {
  if (names.length === 0) return '[]';
  names.sort(byNumber);
  return `[\n${names.map((n) => JSON.stringify(n)).join(',\n')}\n]`;
}

/**
 * Kept names read from their text: searched in place when one entry a line (JSON string values never
 * hold a raw line break), else — as runs recorded before wrote them — parsed whole, when first asked.
 */
export function keptNames(text: string): KeptNames {
  if (text.length > 2 && text[1] === '\n') return whenAsked(() => keptLines(Buffer.from(text, 'utf8')));
  let parsed: Map<string, string> | undefined;
  return {
    get(n) {
      parsed ??= new Map(JSON.parse(text) as [string, string][]);
      return parsed.get(n);
    },
  };
}

/**
 * Kept names from their text deflated (run-item-orders.ts, format 7): inflated when first asked, and
 * searched as bytes, one line by binary search — only the lines looked at are decoded, not the text
 * (a line break byte never occurs inside a multi-byte UTF-8 character).
 */
export function keptNamesBytes(deflated: Uint8Array): KeptNames {
  return whenAsked(() => keptLines(inflateRawSync(deflated)));
}

/** Names made when first asked for, then kept. */
function whenAsked(make: () => KeptNames): KeptNames {
  let names: KeptNames | undefined;
  return {
    get(n) {
      names ??= make();
      return names.get(n);
    },
  };
}

/** Kept names in the UTF-8 bytes of their text (`keptNamesText`), searched in place. */
export function keptLines(bytes: Buffer): KeptNames {
  // "[]": no names; else "[\n", one entry a line, "\n]".
  const lined = bytes.length > 2 && bytes[1] === 0x0a;
  return { get: (n) => (lined ? searchLineBytes(bytes, n) : undefined) };
}

function searchLineBytes(bytes: Buffer, employeeNumber: string): string | undefined {
  // Lines start at lo ≤ start < hi: after the opening "[\n", before the closing "]".
  let lo = 2;
  let hi = bytes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = bytes.lastIndexOf(0x0a, mid - 1) + 1;
    const end = bytes.indexOf(0x0a, start);
    const [n, name] = JSON.parse(bytes.toString('utf8', start, bytes[end - 1] === 0x2c ? end - 1 : end)) as [
      string,
      string,
    ];
    if (n === employeeNumber) return name;
    if (n < employeeNumber) lo = end + 1;
    else hi = start;
  }
  return undefined;
}
