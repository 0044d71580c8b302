/**
 * Whom a run's items mention by id, to be named where they are shown: accounts (their own,
 * conflict candidates) and persons (managers old and new, owners of a conflicting link).
 */
import type { RunItem } from '../../core/index.ts';

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
    addPersons(i, persons);
  }
  return { accounts, persons };
}

/**
 * The persons a whole run's items name (when it is recorded): the accounts are left out, since a
 * run's 50,000 account ids would only be collected to be dropped.
 */
export function personsNamedIn(items: readonly RunItem[]): Set<string> {
  const persons: string[] = [];
  for (const i of items) addPersons(i, persons);
  return new Set(persons);
}

function addPersons(i: RunItem, persons: string[]): void {
  for (const c of i.changes)
    if (c.attribute === 'manager') for (const v of [c.old, c.new]) if (typeof v === 'string') persons.push(v);
  for (const s of i.steps) {
    const r = s.reason;
    if (!r) continue;
    if (r.code === 'conflict-linked-elsewhere') persons.push(r.owner);
    else if (r.code === 'manager') for (const v of [r.old, r.new]) if (v !== null) persons.push(v);
  }
}
