/**
 * Why a run item's step went the way it did, as data: a code and its parameters. The engine builds
 * these (cheaply: references to values it already holds, no text), the store keeps them with the
 * step, and src/contracts/item-reasons.ts turns them into plain words only where they are shown —
 * console, API, CLI, CSV. The step's `message` stays the engine's own detail, one click away.
 * Adding a code does not compile until the renderer has words for it.
 */
import type { LocalDate } from './person.ts';
import type { AttrValue } from './values.ts';
import type { Lifecycle } from './vocabulary.ts';

/** What AFAS says about the person: the lifecycle and the employment it was derived from. */
export interface PersonReason {
  readonly code: 'person';
  readonly lifecycle: Lifecycle;
  readonly employments: number;
  /** The primary employment's key (AFAS ExternalID), dates and org unit. */
  readonly primary: string | null;
  readonly start: LocalDate | null;
  readonly end: LocalDate | null;
  readonly unit: string | null;
  /** The hire date by the connection's rule (first start of the uninterrupted employment). */
  readonly hire: LocalDate | null;
}

/** One matching attribute the matcher looked at: its value, and accounts an override left out. */
export interface MatchTry {
  readonly attribute: string;
  readonly value: string | null;
  readonly leftOut: number;
}

/** A value the target would refuse (engine/plan/target-limits.ts), by attribute and what is wrong. */
export type ValueProblem =
  | {
      readonly attribute: string;
      readonly problem: 'too-long';
      readonly length: number;
      readonly max: number;
      readonly value: string;
    }
  | { readonly attribute: string; readonly problem: 'too-many'; readonly count: number; readonly max: number }
  /** `rule`: the target's own words for the format ("must be a two-letter country code such as NL"). */
  | { readonly attribute: string; readonly problem: 'format'; readonly value: string; readonly rule: string }
  | { readonly attribute: string; readonly problem: 'cannot-clear' }
  | { readonly attribute: string; readonly problem: 'required' };

export type StepReason =
  | PersonReason
  | { readonly code: 'missing-from-source' }
  | {
      readonly code: 'linked';
      readonly account: string;
      readonly since: string | null;
      readonly override: boolean;
    }
  | {
      readonly code: 'matched';
      readonly account: string;
      /** Null: matched by an override. */
      readonly attribute: string | null;
      readonly value: string | null;
      /** A link an override removed before matching. */
      readonly unlinked: string | null;
    }
  | {
      readonly code: 'no-account';
      readonly tried: readonly MatchTry[];
      /** The stored link's account, when it no longer exists or an override removed it. */
      readonly staleLink: string | null;
      readonly unlinkedByOverride: boolean;
    }
  | {
      readonly code: 'conflict';
      readonly attribute: string;
      readonly value: string;
      readonly accounts: readonly string[];
    }
  | {
      readonly code: 'conflict-linked-elsewhere';
      readonly account: string;
      readonly attribute: string;
      readonly value: string;
      readonly owner: string;
      /**
       * Not linked yet: the owner is a person of this run who claims the account too. Alone (items
       * recorded before contests were settled by strength): the owner matched it first.
       */
      readonly inRun?: true;
      /** In this run, the owner's matching attribute: earlier in the matching order, so the owner gets it. */
      readonly ownerAttribute?: string;
      /** In this run, the owner matched it on the same attribute: a tie, so neither gets the account. */
      readonly tie?: true;
    }
  | { readonly code: 'override-account-gone'; readonly account: string }
  | { readonly code: 'excluded'; readonly by: string; readonly note: string | null }
  | { readonly code: 'up-to-date' }
  | { readonly code: 'update'; readonly count: number }
  | { readonly code: 'enable'; readonly lifecycle: Lifecycle; readonly count: number }
  | { readonly code: 'disable'; readonly lifecycle: Lifecycle; readonly count: number }
  | {
      readonly code: 'create';
      readonly enabled: boolean;
      readonly upn: string | null;
      /** Pre-hire: the start date and the lead days before it the account is made. */
      readonly start: LocalDate | null;
      readonly leadDays: number;
    }
  | {
      readonly code: 'no-account-needed';
      readonly lifecycle: Lifecycle;
      readonly start: LocalDate | null;
      readonly end: LocalDate | null;
      readonly leadDays: number;
    }
  | { readonly code: 'delete-due'; readonly end: string; readonly days: number }
  | { readonly code: 'out-of-scope-left'; readonly account: boolean }
  | { readonly code: 'out-of-scope-write'; readonly policy: 'disable' | 'delete' }
  | { readonly code: 'missing-disable' }
  | { readonly code: 'missing-left' }
  | { readonly code: 'manager'; readonly old: string | null; readonly new: string | null }
  /**
   * The person's manager (an employee number) cannot be set, so none is: the manager has no account
   * (`name` is theirs as AFAS has it), is not linked yet (a one-person run), or is not in the read.
   */
  | {
      readonly code: 'manager-unresolved';
      readonly manager: string;
      readonly name: string | null;
      readonly why: 'no-account' | 'not-linked' | 'not-in-read';
    }
  | {
      readonly code: 'name-taken';
      readonly first: string;
      /** Why it counts as taken when no account holds it as such (an implied UPN), else null. */
      readonly why: string | null;
      readonly chosen: string;
      readonly candidate: number;
    }
  /** Values the target would refuse; `target` is its name ("Microsoft Entra ID"). */
  | {
      readonly code: 'refused';
      readonly target: string;
      readonly create: boolean;
      readonly problems: readonly ValueProblem[];
    }
  /**
   * A create (`create`) or a move into a container outside the one the target's read covers (AD: the
   * base DN): the account would not be read back, and a create would be made again every run.
   */
  | {
      readonly code: 'outside-read';
      readonly create: boolean;
      /** The attribute naming the container (parentDistinguishedName). */
      readonly attribute: string;
      readonly container: string;
      /** What the read covers: the base DN as set, or the domain's from RootDSE. */
      readonly base: string;
    }
  /**
   * A create (`create`) or a move into a container within the read that does not exist (`missing`)
   * or where the target lets hrsync create no accounts (`not-allowed`): a sync would fail there.
   */
  | {
      readonly code: 'container-unusable';
      readonly create: boolean;
      /** The attribute naming the container (parentDistinguishedName). */
      readonly attribute: string;
      readonly container: string;
      readonly problem: 'missing' | 'not-allowed';
    }
  /** A value cut to the target's limit: `max` characters, or `max` values of a list. */
  | {
      readonly code: 'shortened';
      readonly target: string;
      readonly attribute: string;
      readonly max: number;
      readonly old: AttrValue;
      readonly new: AttrValue;
    }
  /** An account another system owns (`owner`, in words): what must be changed there instead. */
  | {
      readonly code: 'owned-elsewhere';
      readonly owner: string;
      readonly changes: readonly {
        readonly attribute: string;
        readonly old: AttrValue;
        readonly new: AttrValue;
      }[];
      readonly lifecycle: 'enable' | 'disable' | 'delete' | null;
    }
  | { readonly code: 'quarantined'; readonly since: string; readonly because: string }
  | {
      readonly code: 'released';
      readonly since: string;
      readonly because: string;
      /** An operator asked to run the person again (else their data or the configuration changed). */
      readonly byOperator: boolean;
    }
  | { readonly code: 'created'; readonly account: string }
  | { readonly code: 'applied'; readonly write: 'update' | 'enable' | 'disable' | 'delete' }
  | { readonly code: 'manager-set' }
  | { readonly code: 'written-back' };

export type StepReasonCode = StepReason['code'];
