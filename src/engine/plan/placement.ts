/**
 * Where an account may be placed: within the container the target's read covers (AD: the base DN, as
 * set or the domain's from RootDSE; TargetReadResult.readWithin). An account created in, or moved to,
 * a container outside it is never read back, so the next run would find the person's link stale and
 * create the account again — a duplicate every run. The configuration check refuses such containers
 * where it can see them (core/directory-placement.ts); this refuses, per person, what only a run
 * knows: a container an expression gives, or one outside the domain read when no base DN is set. A
 * refused create sends nothing; a refused move is withheld like any value the target would refuse
 * (update-plan.ts): the rest of the update and an enable or disable still go, so a leaver whose
 * disabled container lies outside is still disabled. Simulation and sync plan alike.
 *
 * Cheap per person: the base DN is parsed once, and each distinct container's verdict kept (most
 * persons share one or two containers).
 */
import {
  type AttributeChange,
  type AttrValue,
  BaseDnScope,
  canonicalRdns,
  outsideBaseDnMessage,
  type RunStep,
} from '../../core/index.ts';
import type { PlacementContainer, ReadWithin } from '../ports.ts';

/** The error code of a person refused for it: a mapped value the target cannot take as it is. */
export const OUTSIDE_READ = 'HRS_TARGET_VALUE_INVALID';

export interface Placement {
  /** The attribute naming the container (parentDistinguishedName). */
  readonly attribute: string;
  /** Where the target puts a new account whose attribute is empty. */
  readonly fallback: string | undefined;
  readonly scope: BaseDnScope;
  /** The containers that exist within it, or undefined when the target did not say (ReadWithin). */
  readonly containers: ContainerIndex | undefined;
}

/** The run's placement rule, or undefined when the read covers every account (Graph). */
export function placementOf(within: ReadWithin | undefined): Placement | undefined {
  if (within === undefined || within.container.trim() === '') return undefined;
  return {
    attribute: within.attribute,
    fallback: within.fallback,
    scope: new BaseDnScope(within.container),
    containers: within.containers === undefined ? undefined : new ContainerIndex(within.containers),
  };
}

/**
 * Whether a container exists and takes accounts, by its DN compared per RFC 4514 (`ou=staff, dc=x`
 * is `OU=Staff,DC=x`). A sync's create or move into a container that does not exist fails at the
 * controller (no such object); one the bind account may not create accounts in fails with
 * insufficient access. Known from the read, so the simulation refuses it as the sync would fail.
 */
class ContainerIndex {
  readonly #allowed = new Map<string, boolean>();

  constructor(containers: readonly PlacementContainer[]) {
    for (const c of containers) {
      const key = keyOf(c.container);
      if (key !== null) this.#allowed.set(key, c.accountsAllowed);
    }
  }

  /** `missing`, `not-allowed`, or null when accounts can be placed there (or the DN is not one). */
  problem(container: string): 'missing' | 'not-allowed' | null {
    const key = keyOf(container);
    if (key === null) return null;
    const allowed = this.#allowed.get(key);
    return allowed === undefined ? 'missing' : allowed ? null : 'not-allowed';
  }
}

const keyOf = (dn: string): string | null => canonicalRdns(dn)?.join(',') ?? null;

/** The failed step for a new account placed outside, or null (`attributes`: what the create writes). */
export function createdOutside(
  placement: Placement,
  attributes: Readonly<Record<string, AttrValue>>,
): RunStep | null {
  const value = attributes[placement.attribute];
  if (typeof value === 'string' && value !== '') return outsideStep(placement, value, true, 'mapping');
  return placement.fallback === undefined
    ? null
    : outsideStep(placement, placement.fallback, true, 'container');
}

/** The failed step for a move outside among an update's changes, or null. */
export function movedOutside(placement: Placement, changes: readonly AttributeChange[]): RunStep | null {
  for (const change of changes) {
    if (change.attribute !== placement.attribute) continue;
    // An emptied value moves nothing: the writer moves only to a container it is given.
    return typeof change.new === 'string' && change.new !== ''
      ? outsideStep(placement, change.new, false, 'mapping')
      : null;
  }
  return null;
}

function outsideStep(
  placement: Placement,
  container: string,
  create: boolean,
  advice: 'mapping' | 'container',
): RunStep | null {
  const { scope } = placement;
  if (scope.contains(container)) {
    const problem = placement.containers?.problem(container) ?? null;
    if (problem === null) return null;
    return {
      step: 'plan',
      status: 'failed',
      message: `${create ? 'not created' : 'not moved'}: ${unusableMessage(container, problem, advice)}`,
      reason: { code: 'container-unusable', create, attribute: placement.attribute, container, problem },
    };
  }
  return {
    step: 'plan',
    status: 'failed',
    message: `${create ? 'not created' : 'not moved'}: ${outsideBaseDnMessage(container, scope.baseDn, advice)}`,
    reason: { code: 'outside-read', create, attribute: placement.attribute, container, base: scope.baseDn },
  };
}

/** The refusal's words for a container that does not exist or takes no accounts from hrsync. */
function unusableMessage(
  container: string,
  problem: 'missing' | 'not-allowed',
  advice: 'mapping' | 'container',
): string {
  const fix =
    advice === 'mapping'
      ? 'correct the mapping of parentDistinguishedName (step 3)'
      : 'correct the tenant’s container for new accounts';
  return problem === 'missing'
    ? `the container "${container}" does not exist in the directory (or hrsync's bind account cannot see it): create it, or ${fix}`
    : `hrsync's bind account may not create accounts in "${container}": delegate "Create, delete, and manage user accounts" on it to the bind account, or ${fix}`;
}
