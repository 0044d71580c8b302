/**
 * Reads the tenant with only the attributes mapping, matching and uniqueness need. When the previous
 * run left a cursor (Graph delta link) for the same attribute selection, only changes are read and
 * merged into the cached accounts.
 */
import type { Account } from '../core/index.ts';
import type { EngineState, Target } from './ports.ts';

export async function readTarget(
  target: Target,
  attributes: readonly string[],
  state: EngineState,
  signal: AbortSignal | undefined,
): Promise<{
  accounts: readonly Account[];
  cursor: string | null;
  incremental: boolean;
  reserved: Readonly<Record<string, readonly string[]>>;
}> {
  const sameSelection =
    state.accounts !== null &&
    state.accountAttributes !== null &&
    state.accountAttributes.length === attributes.length &&
    state.accountAttributes.every((a) => attributes.includes(a));
  const cursor = sameSelection ? state.targetCursor : null;
  const result = await target.readAccounts({ attributes, cursor, ...(signal ? { signal } : {}) });
  if (!result.incremental || state.accounts === null) {
    return {
      accounts: result.accounts,
      cursor: result.cursor,
      incremental: false,
      reserved: result.reserved ?? {},
    };
  }
  const merged = new Map(state.accounts.map((a) => [a.id, a]));
  for (const id of result.removedIds) merged.delete(id);
  for (const a of result.accounts) {
    const old = merged.get(a.id);
    merged.set(a.id, old ? { id: a.id, attributes: { ...old.attributes, ...a.attributes } } : a);
  }
  return {
    accounts: [...merged.values()],
    cursor: result.cursor,
    incremental: true,
    reserved: result.reserved ?? {},
  };
}
