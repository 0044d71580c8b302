/**
 * Where a hybrid tenant's accounts may be placed. hrsync reads accounts below the base DN only (the
 * domain's own DN when none is set), so an account created in, or moved to, a container outside it is
 * never read back: the next run finds the person's link pointing at an account it cannot see and
 * plans a create again, a duplicate every run. The configuration check refuses such containers where
 * it can see them (a base DN set), and the planner refuses such a create or move per person where
 * only a run can (the domain from RootDSE, a container an expression gives).
 */
import { canonicalRdns, rdnsWithin } from './distinguished-name.ts';

/** What to do about it, by where the container comes from. */
export type PlacementAdvice = 'container' | 'mapping';

const ADVICE: Readonly<Record<PlacementAdvice, string>> = {
  container: 'Put the container inside the base DN or widen the base DN',
  mapping:
    'Correct the mapping of parentDistinguishedName so that it gives a container inside the base DN, or widen the base DN',
};

/** The refusal's words: what is wrong, why it matters, what to do. */
export function outsideBaseDnMessage(container: string, baseDn: string, advice: PlacementAdvice): string {
  return `"${container}" is outside the base DN "${baseDn}", where hrsync reads accounts: an account placed there would not be found on the next run. ${ADVICE[advice]}`;
}

/**
 * Whether containers lie within one base DN, the base parsed once and each distinct container's
 * verdict kept (a run's persons share a handful of containers). A container or base that is not a DN
 * counts as within: its own check names what is wrong with it.
 */
export class BaseDnScope {
  readonly baseDn: string;
  readonly #base: readonly string[] | null;
  readonly #verdicts = new Map<string, boolean>();

  constructor(baseDn: string) {
    this.baseDn = baseDn;
    this.#base = canonicalRdns(baseDn);
  }

  contains(container: string): boolean {
    let verdict = this.#verdicts.get(container);
    if (verdict === undefined) {
      const rdns = this.#base === null ? null : canonicalRdns(container);
      verdict = rdns === null || this.#base === null || rdnsWithin(rdns, this.#base);
      // Bounded: an expression could give every person a container of their own.
      if (this.#verdicts.size >= 1024) this.#verdicts.clear();
      this.#verdicts.set(container, verdict);
    }
    return verdict;
  }
}

/** The refusal for a configured container outside `baseDn` (an unset base DN: none), or null. */
export function containerOutsideBaseDn(
  container: string | undefined | null,
  baseDn: string | undefined | null,
  advice: PlacementAdvice = 'container',
): string | null {
  if (typeof container !== 'string' || typeof baseDn !== 'string' || baseDn.trim() === '') return null;
  return new BaseDnScope(baseDn).contains(container) ? null : outsideBaseDnMessage(container, baseDn, advice);
}
