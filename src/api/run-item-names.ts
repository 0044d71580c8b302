/**
 * The names a page of run items shows for ids (accounts by UPN and display name, managers and
 * owners by name): one lookup per 500 items, shared by the API's pages and exports and by the
 * service benchmark, which times a page as the console waits for it (items and their names).
 */
import type { RunItem } from '../core/index.ts';
import { namedIn, type Run, type Store } from '../store/index.ts';

type Names = Awaited<ReturnType<Store['runItems']['names']>>;

/** The names `items` mention, looked up 500 at a time (an export may hold 50,000 persons). */
export async function namesIn(store: Store, run: Run, items: readonly RunItem[]): Promise<Names> {
  const accounts = new Map<string, { upn: string | null; displayName: string | null }>();
  const persons = new Map<string, string>();
  for (let at = 0; at < items.length; at += 500) {
    const named = namedIn(items.slice(at, at + 500));
    const found = await store.runItems.names(run.connectionId, named.accounts, named.persons, run);
    for (const [k, v] of found.accounts) accounts.set(k, v);
    for (const [k, v] of found.persons) persons.set(k, v);
  }
  return { accounts, persons };
}
