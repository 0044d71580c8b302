/**
 * Decisions an operator takes about one person of a connection (issue 11.5), and the quarantine of
 * persons whose write the target refused for a reason retrying cannot fix (issue 11.2). Both are
 * stored per connection and read by the engine's match and plan stages, in simulation and sync alike.
 */

/**
 * - `link`: match the person to this account, whatever the matching attributes say;
 * - `exclude`: leave the person (and any account) alone;
 * - `never-match`: never match or keep this account for the person (also how "unlink" is stored).
 */
export const OVERRIDE_KINDS = ['link', 'exclude', 'never-match'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export interface MatchOverride {
  readonly id: string;
  readonly kind: OverrideKind;
  readonly employeeNumber: string;
  /** The account of a `link` or `never-match`; null for `exclude`. */
  readonly accountId: string | null;
  readonly reason: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** The overrides of one connection, as the match stage looks them up. */
export interface OverrideSet {
  readonly links: ReadonlyMap<string, MatchOverride>;
  readonly excluded: ReadonlyMap<string, MatchOverride>;
  /** employee number → account ids never to match. */
  readonly neverMatch: ReadonlyMap<string, ReadonlySet<string>>;
  /** account id → employee number of the `link` override that claims it. */
  readonly linkedAccounts: ReadonlyMap<string, string>;
}

export function overrideSet(overrides: readonly MatchOverride[]): OverrideSet {
  const links = new Map<string, MatchOverride>();
  const excluded = new Map<string, MatchOverride>();
  const neverMatch = new Map<string, Set<string>>();
  const linkedAccounts = new Map<string, string>();
  for (const o of overrides) {
    if (o.kind === 'exclude') excluded.set(o.employeeNumber, o);
    else if (o.accountId === null) continue;
    else if (o.kind === 'link') {
      links.set(o.employeeNumber, o);
      linkedAccounts.set(o.accountId, o.employeeNumber);
    } else {
      const set = neverMatch.get(o.employeeNumber) ?? new Set<string>();
      set.add(o.accountId);
      neverMatch.set(o.employeeNumber, set);
    }
  }
  return { links, excluded, neverMatch, linkedAccounts };
}

export const NO_OVERRIDES: OverrideSet = overrideSet([]);

/**
 * A person the target refused for a reason retrying cannot fix. Until their mapped values or the
 * configuration change (`fingerprint`), or an operator releases them, the plan sends them nothing.
 */
export interface QuarantineEntry {
  readonly employeeNumber: string;
  readonly displayName: string;
  readonly accountId: string | null;
  readonly since: string;
  /** The target's refusal. */
  readonly code: string;
  readonly message: string;
  /** Hash of the configuration and the person's mapped values when the target refused them. */
  readonly fingerprint: string;
}
