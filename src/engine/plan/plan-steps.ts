/**
 * The steps a planned person shows. Nearly every step carries its reason as data (core/step-reasons.ts)
 * and no text; the few made per person are made once, and the steps most persons share are one
 * frozen object each.
 */
import type { AttrValue, Lifecycle, LocalDate, Person, RunStep, StepReason } from '../../core/index.ts';
import {
  type FoundReason,
  foundDetail,
  Linked,
  type LinkedReason,
  linkedReason,
  Matched,
  type MatchedReason,
  type MatchResult,
  matchDetail,
  matchedReason,
  type NoneReason,
} from '../match/index.ts';

export const step = (
  s: RunStep['step'],
  message: string,
  status: RunStep['status'] = 'success',
): RunStep => ({ step: s, status, message });

/**
 * A step with a message and its reason, as one object literal: `{ ...step(…), reason }` gave every such
 * step a hidden class of its own (V8 does so for a spread and a key added after it).
 */
export const withReason = (
  s: RunStep['step'],
  message: string,
  reason: StepReason,
  status: RunStep['status'] = 'success',
): RunStep => ({ step: s, status, message, reason });

/** A step whose words come from its reason: the message (the raw detail) is made from it when shown. */
export const because = (
  s: RunStep['step'],
  reason: StepReason,
  status: RunStep['status'] = 'success',
): RunStep => ({ step: s, status, message: '', reason });

/**
 * A successful step whose name, status, message and reason are its class's (getters), not fields of
 * each person's step: a subclass keeps only what differs between persons — its reason (ReasonStep) or
 * the reason's fields (ReadStep, MatchedStep, LinkedStep). As JSON it is the plain step, message
 * included (a run's items are compared and sent as JSON).
 */
abstract class SuccessStep implements RunStep {
  abstract get step(): RunStep['step'];

  get status(): 'success' {
    return 'success';
  }

  abstract get message(): string;

  abstract get reason(): StepReason;

  toJSON(): RunStep {
    return { step: this.step, status: this.status, message: this.message, reason: this.reason };
  }
}

/** A successful step that holds only its reason: 32 bytes where a step literal takes 56. */
abstract class ReasonStep<R extends StepReason> extends SuccessStep {
  declare readonly reason: R;
}

/**
 * The match step of a person matched, linked or not found (nearly everyone, every create): the
 * matcher's detail is made from the reason when read, as the match result's is, and not kept as text
 * in every person's item.
 */
class MatchStep extends ReasonStep<FoundReason | NoneReason> {
  get step(): 'match' {
    return 'match';
  }

  get message(): string {
    return matchDetail(this.reason);
  }
}

/**
 * The match step of a matched person (nearly everyone in a first run): the reason's fields are the
 * step's own and the reason is made when read, as the read step's — one object of 28 bytes per person
 * where a step and its reason took 16 + 32, kept with the run's items. As JSON it is the plain step.
 */
class MatchedStep extends SuccessStep {
  declare readonly account: string;
  declare readonly attribute: string | null;
  declare readonly value: string | null;
  declare readonly unlinked: string | null;

  get step(): 'match' {
    return 'match';
  }

  get message(): string {
    return foundDetail(this.reason);
  }

  get reason(): MatchedReason {
    return matchedReason(this.account, this.attribute, this.value, this.unlinked);
  }
}

/** The match step of a linked person (nearly everyone in a later run), as MatchedStep. */
class LinkedStep extends SuccessStep {
  declare readonly account: string;
  declare readonly since: string | null;
  declare readonly override: boolean;

  get step(): 'match' {
    return 'match';
  }

  get message(): string {
    return foundDetail(this.reason);
  }

  get reason(): LinkedReason {
    return linkedReason(this.account, this.since, this.override);
  }
}

/**
 * The match step of a person found or not: from a matched or linked result's fields, so that no
 * reason object is made for the person (the result holds the fields, not a reason).
 */
export const matchStepOf = (match: Exclude<MatchResult, { readonly kind: 'conflict' }>): RunStep =>
  match instanceof Matched
    ? ({
        __proto__: MATCHED_STEP,
        account: match.account.id,
        attribute: match.attribute,
        value: match.value,
        unlinked: match.unlinked,
      } as unknown as MatchedStep)
    : match instanceof Linked
      ? ({
          __proto__: LINKED_STEP,
          account: match.account.id,
          since: match.since,
          override: match.override,
        } as unknown as LinkedStep)
      : ({ __proto__: MATCH_STEP, reason: match.reason } as unknown as MatchStep);

type PersonReason = Extract<StepReason, { readonly code: 'person' }>;

/**
 * The read step, everyone's first; its message is empty (the words come from the reason). The
 * reason's fields are the step's own, and the reason is made from them when read: one object of 80
 * bytes per person instead of a step and its reason (32 + 88), kept with the run's items. As JSON it
 * is the plain step, as the other ReasonSteps.
 */
class ReadStep extends SuccessStep {
  declare readonly lifecycle: Lifecycle;
  declare readonly employments: number;
  declare readonly primary: string | null;
  declare readonly start: LocalDate | null;
  declare readonly end: LocalDate | null;
  declare readonly unit: string | null;
  declare readonly hire: LocalDate | null;

  get step(): 'read' {
    return 'read';
  }

  get message(): string {
    return '';
  }

  get reason(): PersonReason {
    return {
      code: 'person',
      lifecycle: this.lifecycle,
      employments: this.employments,
      primary: this.primary,
      start: this.start,
      end: this.end,
      unit: this.unit,
      hire: this.hire,
    };
  }
}

/**
 * The prototypes of the steps made per person. Each step is an object literal on its class's
 * prototype, not a constructor's object: the read and match steps live as long as the run's items,
 * and V8 allocates a literal whose objects survive straight in the old generation (allocation-site
 * pretenuring), where a constructor's were made young and copied by two scavenges (two steps of 56
 * and 80 bytes for every person). Same fields in the same order, same class (getters, toJSON).
 */
const READ_STEP: ReadStep = ReadStep.prototype;
const MATCHED_STEP: MatchedStep = MatchedStep.prototype;
const LINKED_STEP: LinkedStep = LinkedStep.prototype;
const MATCH_STEP: MatchStep = MatchStep.prototype;

/** Most persons change nothing: they share this step. */
const UP_TO_DATE: RunStep = Object.freeze(because('plan', Object.freeze({ code: 'up-to-date' })));

/** What AFAS says about the person: the first step of everyone read. */
export function readStep(person: Person): RunStep {
  const primary = person.primary;
  return {
    __proto__: READ_STEP,
    lifecycle: person.lifecycle,
    employments: person.employments.length,
    primary: primary?.key ?? null,
    start: primary?.startDate ?? null,
    end: primary?.endDate ?? null,
    // The primary employment's fields are in the attributes (they win over the user row's).
    unit: primary === null ? null : unitOf(person.attributes.Organisatorische_eenheid_omschrijving),
    hire: unitOf(person.attributes.HireDate),
  } as unknown as ReadStep;
}

/**
 * The update steps by how many attributes change: persons who change as many share one (frozen) step,
 * as persons who change nothing share UP_TO_DATE. Few counts occur (a mapping has ~20 attributes).
 */
const UPDATES: RunStep[] = [];

/** The plan step of a person whose account exists: what is done to it, or that it is up to date. */
export function accountStep(action: string, person: Person, count: number): RunStep {
  switch (action) {
    case 'enable':
    case 'disable':
      return because('plan', { code: action, lifecycle: person.lifecycle, count });
    case 'update': {
      if (count > 64) return because('plan', { code: 'update', count });
      let shared = UPDATES[count];
      if (shared === undefined) {
        shared = Object.freeze(because('plan', Object.freeze({ code: 'update', count })));
        UPDATES[count] = shared;
      }
      return shared;
    }
    default:
      return UP_TO_DATE;
  }
}

/** A text attribute as a reason parameter (dates and names are strings; anything else is none). */
export function unitOf(value: AttrValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function byWhom(o: { readonly createdBy: string; readonly reason: string | null }): string {
  return ` (${o.createdBy}${o.reason ? `: ${o.reason}` : ''})`;
}
