/**
 * A person who needs an account and has none: the account's values, with unique names (UPN, mail,
 * alias) chosen against the tenant and this run's own reservations, checked against what the target
 * refuses before anything is sent.
 */
import type { AttributeChange, AttrValue, Person, PlannedWrite, RunStep } from '../../core/index.ts';
import type { EvalContext } from '../../expr/index.ts';
import { evaluateRulesIn } from '../map/index.ts';
import { PersonContext } from './person-context.ts';
import { createdOutside, OUTSIDE_READ } from './placement.ts';
import { ENABLED, type PersonOutcome, type PlanRun, UNIQUE } from './plan-run.ts';
import { because, step, withReason } from './plan-steps.ts';
import { quarantineFingerprint } from './quarantine-plan.ts';
import {
  type LimitCheck,
  refusedStep,
  shortenedStep,
  type WriteProblem,
  writeProblems,
} from './target-limits.ts';
import { bare, draftItem, NOT_KEPT, type PersonPlan, personPlan } from './types.ts';
import { CandidateSequence, chooseUniqueFrom, MAX_LOCAL_PART, type UniqueChoice } from './unique-names.ts';
import { writeBack } from './write-back.ts';

const NO_VALUES: Readonly<Record<string, AttrValue>> = Object.freeze({});

/**
 * An empty plain object (its prototype Object.prototype, as `{}`'s) that stays in fast mode while a
 * create's ~25 values are added to it key by key: `{}` turns into a dictionary after a dozen keyed
 * stores (~160 bytes more per object, for a create's attributes and its applied values, kept with the
 * run's items), where a constructor's object gets room for its fields and one shared hidden class.
 */
function Fields(): void {}
Fields.prototype = Object.prototype;
const fields = (): Record<string, AttrValue> =>
  new (Fields as unknown as new () => Record<string, AttrValue>)();
const NO_PROBLEMS: readonly WriteProblem[] = Object.freeze([]);

export function createPlan(
  run: PlanRun,
  person: Person,
  context: EvalContext,
  fitted: LimitCheck,
  enabled: boolean,
  read: RunStep,
  scoped: RunStep,
  matched: RunStep,
  dropLink: boolean,
  out: PersonOutcome,
): PersonPlan {
  const n = person.employeeNumber;
  const name = person.displayName;
  const attrs = person.attributes;
  const values = fitted.values;
  let uniqueValues = NO_VALUES;
  let nameTaken: RunStep | undefined;
  if (run.uniqueRules.length > 0) {
    const named = uniqueName(run, person, context);
    if (named.choice === null) {
      const targets = run.uniqueRules.map((r) => r.target).join(', ');
      const scheme = run.config.uniqueness.scheme;
      const message =
        named.first === undefined
          ? `no user name can be made for ${targets}: the name parts the ${scheme ? `"${scheme}" scheme` : 'candidates'} need${scheme ? 's' : ''} are empty`
          : `every candidate for ${targets} is taken ("${named.first}", the other candidates and numbers up to ${run.config.uniqueness.maxSuffix})`;
      return failed(
        run,
        person,
        values,
        dropLink,
        out,
        [read, scoped, matched, step('plan', message, 'failed')],
        'HRS_UNIQUE_EXHAUSTED',
        message,
      );
    }
    uniqueValues = named.choice.values;
    nameTaken = named.taken;
  }
  const unique = run.fitUnique(uniqueValues);
  // One pass over the merged values makes what is written, what is checked and what is shown.
  const applied = mergedValues(values, unique.values);
  const attributes = fields();
  const changes: AttributeChange[] = [];
  for (const k in applied) {
    const v = applied[k] as AttrValue;
    if (k === ENABLED || v === null || (Array.isArray(v) && v.length === 0)) continue;
    attributes[k] = v;
    changes.push({ attribute: k, old: null, new: v });
  }
  const shortened = merged(fitted.shortened, unique.shortened);
  const refused = problemsOf(run, fitted, unique, shortened, attributes);
  const outside = run.placement === undefined ? null : createdOutside(run.placement, attributes);
  if (refused.length > 0 || outside !== null) {
    const failures = refused.length > 0 ? [refusedStep(run.limits, refused, true)] : [];
    if (outside !== null) failures.push(outside);
    const steps = nameTaken
      ? [read, scoped, matched, nameTaken, ...failures]
      : [read, scoped, matched, ...failures];
    const message = failures.map((f) => f.message).join('; ');
    const code = refused.length > 0 ? 'HRS_TARGET_VALUE_INVALID' : OUTSIDE_READ;
    return failed(run, person, values, dropLink, out, steps, code, message);
  }
  changes.push({ attribute: ENABLED, old: null, new: enabled });
  const created = because('plan', {
    code: 'create',
    enabled,
    upn: typeof attributes.userPrincipalName === 'string' ? attributes.userPrincipalName : null,
    start: person.primary?.startDate ?? null,
    leadDays: run.config.persons.leadDays,
  });
  const steps = nameTaken ? [read, scoped, matched, nameTaken, created] : [read, scoped, matched, created];
  let warned = false;
  if (shortened.size > 0)
    for (const a in attributes) {
      const s = shortened.get(a);
      if (s) {
        steps.push(shortenedStep(s, run.limits));
        warned = true;
      }
    }
  const writes: PlannedWrite[] = [{ kind: 'create', employeeNumber: n, attributes, enabled }];
  const back = writeBack(run.config.writeBack, n, attrs, attributes);
  if (back !== null) writes.push(back);
  return personPlan(
    draftItem(n, name, 'create', warned ? 'warning' : 'success', null, changes, steps),
    writes,
    false,
    dropLink,
    run.applies ? applied : NOT_KEPT,
    quarantineFingerprint(run, out, n, values, attrs.ManagerEmployeeNumber, writes.length),
  );
}

/**
 * A create that fails: nothing is written. A function of its own, not a closure made for every create
 * (its name alone, kept by the TypeScript loader, is a property defined on each such closure).
 */
function failed(
  run: PlanRun,
  person: Person,
  values: Readonly<Record<string, AttrValue>>,
  dropLink: boolean,
  out: PersonOutcome,
  steps: RunStep[],
  code: string,
  message: string,
): PersonPlan {
  const n = person.employeeNumber;
  const plan = bare(
    draftItem(n, person.displayName, 'create', 'failed', null, [], steps, { code, message }),
    dropLink,
  );
  const manager = person.attributes.ManagerEmployeeNumber;
  const fingerprint = quarantineFingerprint(run, out, n, values, manager, 0);
  return fingerprint === undefined ? plan : { ...plan, fingerprint };
}

/**
 * `{ ...a, ...b }` (the same keys in the same order, b's values winning), copied key by key into one
 * object (fields()): V8 gives a spread of two objects a hidden class of its own, so every create's
 * values had one (a map allocated per create, and every later read of them a cache miss).
 */
function mergedValues(
  a: Readonly<Record<string, AttrValue>>,
  b: Readonly<Record<string, AttrValue>>,
): Record<string, AttrValue> {
  const out = fields();
  for (const k in a) {
    if (k === '__proto__') return { ...a, ...b };
    out[k] = a[k] as AttrValue;
  }
  for (const k in b) {
    if (k === '__proto__') return { ...a, ...b };
    out[k] = b[k] as AttrValue;
  }
  return out;
}

/**
 * The unique names of a create: the first local part whose values are free, reserved for the rest of
 * the run; and when the first one tried was taken, the step that says so.
 */
function uniqueName(
  run: PlanRun,
  person: Person,
  context: EvalContext,
): { choice: UniqueChoice | null; first: string | undefined; taken: RunStep | undefined } {
  // The attributes the unique rules read, copied once per person; only UniqueName changes between
  // candidates.
  const scratch = uniqueScratch(run, person.attributes);
  // The run's context seen with other attributes: one object reused, not a spread per create (which
  // gave each create's context a hidden class of its own, and every read of it in the rules a miss).
  const scratchContext: EvalContext =
    context instanceof PersonContext ? context.with(scratch) : { ...context, attributes: scratch };
  // The first local part tried is remembered: the steps name it, and evaluating the candidates
  // again would cost as much as the choice (and draw again from a RandomString's stream).
  const localParts = run.localParts(context);
  const sequence = new FirstRemembered(localParts);
  // Numbered local parts an earlier create found taken are passed over (PlanRun.takenSuffixes).
  const numbered =
    run.uniqueRulesPure && run.uniqueReferences !== undefined && localParts instanceof CandidateSequence
      ? localParts
      : undefined;
  let suffixesKey: string | undefined;
  let knownTaken = 0;
  /** What the memo held for the name when the numbers began. */
  let remembered = 0;
  let choice = chooseUniqueFrom(
    sequence,
    (localPart) => {
      scratch[UNIQUE] = localPart;
      return evaluateRulesIn(run.uniqueRules, scratchContext).values;
    },
    run.registry,
    run.uniqueRulesPure
      ? (localPart) => {
          if (numbered !== undefined && numbered.suffixed > 0) {
            if (suffixesKey === undefined) {
              suffixesKey = takenSuffixesKey(run, sequence.first as string, scratch);
              knownTaken = run.takenSuffixes.get(suffixesKey) ?? 0;
              remembered = knownTaken;
              const first = sequence.first as string;
              // The first create of the name (a later one finds what this one learns in the memo),
              // numbered as it is (not shortened to make room for the number): the tenant's numbers of
              // it are taken.
              if (
                knownTaken === 0 &&
                run.localPartTarget !== undefined &&
                first.length + String(run.config.uniqueness.maxSuffix).length <= MAX_LOCAL_PART
              ) {
                knownTaken = run.registry.heldNumbers(
                  run.localPartTarget,
                  first,
                  run.config.uniqueness.maxSuffix,
                );
              }
            }
            if (numbered.suffixed <= knownTaken) {
              numbered.passOver(knownTaken);
              return true;
            }
          }
          scratch[UNIQUE] = localPart;
          return takenValue(run, scratchContext);
        }
      : undefined,
  );
  if (numbered !== undefined && suffixesKey !== undefined) {
    // Every number tried before the one chosen was taken (all of them when none was free).
    const taken = choice === null ? numbered.suffixed : numbered.suffixed - 1;
    if (taken > remembered) run.takenSuffixes.set(suffixesKey, taken);
  }
  const first = sequence.first;
  // The numbers passed over count as tried, as when each was given and found taken.
  const passed = numbered?.passed ?? 0;
  if (choice !== null && passed > 0)
    choice = { localPart: choice.localPart, values: choice.values, tried: choice.tried + passed };
  if (choice === null || choice.tried <= 1) return { choice, first, taken: undefined };
  const implied = impliedReason(run, scratch, scratchContext, first);
  return {
    choice,
    first,
    taken: withReason(
      'plan',
      `"${first}" was taken${implied}; chose "${choice.localPart}" (candidate ${choice.tried})`,
      {
        code: 'name-taken',
        first: first ?? '',
        why: implied === '' ? null : implied.slice(2, -1),
        chosen: choice.localPart,
        candidate: choice.tried,
      },
    ),
  };
}

/**
 * The key of PlanRun.takenSuffixes: the first local part and the values of the other attributes the
 * unique rules read (the domain), which decide with it whether a numbered local part is taken.
 */
function takenSuffixesKey(run: PlanRun, first: string, scratch: Record<string, AttrValue>): string {
  const names = run.uniqueReferences ?? [];
  const read: (AttrValue | undefined)[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    // An absent attribute and one that is null are told apart (as JSON, null and no value at all).
    read[i] = Object.hasOwn(scratch, name) ? scratch[name] : undefined;
  }
  return `${first}\u0000${JSON.stringify(read.map((v) => (v === undefined ? [] : [v])))}`;
}

/**
 * A person's attributes as the unique rules see them: only those they read (a handful, not the
 * person's ~60), so a create does not copy the whole record.
 */
function uniqueScratch(run: PlanRun, attrs: Person['attributes']): Record<string, AttrValue> {
  const names = run.uniqueReferences;
  if (names === undefined) return { ...attrs, [UNIQUE]: '' };
  const scratch: Record<string, AttrValue> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (Object.hasOwn(attrs, name)) scratch[name] = attrs[name] as AttrValue;
  }
  scratch[UNIQUE] = '';
  return scratch;
}

/**
 * Whether one of the unique rules' values is not free, each rule evaluated only until one is: most
 * local parts tried are taken at their first value (the mail nickname), and the rules after it (two
 * Joins for UPN and mail) need not run. The same values in the same order as allFree checks them:
 * a value that is an error, or does not flow, is no key of the rules' values and is not checked.
 * Only for rules that are pure (plan-run.ts uniqueRulesPure): skipping one changes nothing.
 */
function takenValue(run: PlanRun, context: EvalContext): boolean {
  const rules = run.uniqueRules;
  const registry = run.registry;
  // A value just found free is not looked up again for a rule checked alike (mail after UPN).
  let free: string | undefined;
  let freeFor = '';
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as (typeof rules)[number];
    const r = rule.evaluate(context);
    if (!r.ok || !r.flow || typeof r.value !== 'string') continue;
    const value = r.value;
    if (value === free && registry.checksAlike(freeFor, rule.target)) continue;
    if (!registry.isFree(rule.target, value)) return true;
    free = value;
    freeFor = rule.target;
  }
  return false;
}

/** " (why)" when a local part was refused for a name held implicitly, which no account shows. */
function impliedReason(
  run: PlanRun,
  scratch: Record<string, AttrValue>,
  scratchContext: EvalContext,
  localPart: string | undefined,
): string {
  const implied = run.input.implied;
  if (localPart === undefined || implied === undefined || implied.length === 0) return '';
  scratch[UNIQUE] = localPart;
  for (const [attribute, value] of Object.entries(evaluateRulesIn(run.uniqueRules, scratchContext).values)) {
    const why = typeof value === 'string' ? run.registry.impliedClash(attribute, value) : null;
    if (why !== null) return ` (${why})`;
  }
  return '';
}

/** The local parts in order, remembering the first one. */
class FirstRemembered implements IterableIterator<string> {
  first: string | undefined;
  private started = false;

  constructor(private readonly sequence: Iterator<string>) {}

  next(): IteratorResult<string> {
    const r = this.sequence.next();
    if (!this.started) {
      this.started = true;
      if (r.done !== true) this.first = r.value;
    }
    return r;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }
}

/**
 * What the target would refuse of the new account. Without a problem found while fitting and with
 * every required attribute there, nothing is refused, and no list is made to ask.
 */
function problemsOf(
  run: PlanRun,
  fitted: LimitCheck,
  unique: LimitCheck,
  shortened: LimitCheck['shortened'],
  attributes: Record<string, AttrValue>,
): readonly WriteProblem[] {
  const required = run.requiredOnCreate;
  let complete = true;
  for (let i = 0; i < required.length && complete; i++)
    complete = Object.hasOwn(attributes, required[i] as string);
  if (complete && fitted.problems.size === 0 && unique.problems.size === 0) return NO_PROBLEMS;
  const written: { attribute: string; value: AttrValue }[] = [];
  for (const attribute in attributes) written.push({ attribute, value: attributes[attribute] as AttrValue });
  const check: LimitCheck = {
    values: attributes,
    shortened,
    problems: merged(fitted.problems, unique.problems),
  };
  return writeProblems(check, written, run.limits, required);
}

/** Two maps as one, without a copy when either is empty (as nearly always). */
function merged<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  return new Map([...a, ...b]);
}
