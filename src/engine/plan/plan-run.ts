/**
 * What the planner needs for a whole run, worked out once before the first person: the rules split
 * by what they are used for, the limits, the links by employee and by account, the unique-name
 * registry. The per-person code (plan-person.ts and the files it calls) only reads it.
 */
import {
  type Attributes,
  type AttrValue,
  type ConnectionConfig,
  type Link,
  type LocalDate,
  NO_OVERRIDES,
  type OverrideSet,
  type Person,
  type QuarantineEntry,
} from '../../core/index.ts';
import { type EvalContext, givesSameAnswer } from '../../expr/index.ts';
import type { CompiledMapping, CompiledRule } from '../map/index.ts';
import { type AccountIndex, Matched, type MatchInput } from '../match/index.ts';
import type {
  ExternalOwner,
  ImpliedName,
  ReadWithin,
  ScopedReservation,
  TargetCapabilities,
} from '../ports.ts';
import type { ScopeDecision, ScopeFn } from '../scope/index.ts';
import { AccountClaims } from './account-claims.ts';
import { type Candidate, CandidateValues, parseCandidates } from './candidate-values.ts';
import { type Differences, differencesOf } from './differences.ts';
import { namePartsOf, schemeCandidates } from './naming-schemes.ts';
import { PersonContext } from './person-context.ts';
import { type Placement, placementOf } from './placement.ts';
import { step } from './plan-steps.ts';
import { type Fitter, fitterFor, type Limits } from './target-limits.ts';
import { candidateSequence, UniqueNameRegistry } from './unique-names.ts';

export interface PlanInput {
  readonly config: ConnectionConfig;
  readonly mapping: CompiledMapping;
  readonly scope: ScopeFn;
  readonly persons: readonly Person[];
  readonly index: AccountIndex;
  readonly links: readonly Link[];
  readonly today: LocalDate;
  readonly nowIso: string;
  readonly collisions: Readonly<Record<string, readonly string[]>>;
  /** Values held by non-account objects of the target (a group's sAMAccountName), per attribute. */
  readonly reserved?: Readonly<Record<string, readonly string[]>>;
  /** Names non-account objects hold per container (a group's cn in an OU), per scoped attribute. */
  readonly reservedWithin?: Readonly<Record<string, readonly ScopedReservation[]>>;
  /** Values held implicitly (AD's implicit UPN, sAMAccountName@domain). */
  readonly implied?: readonly ImpliedName[];
  /** The container the target's read covers: creates and moves outside it are refused (placement.ts). */
  readonly readWithin?: ReadWithin;
  /** on-demand runs plan one person and leave everyone else (and missing persons) alone. */
  readonly onlyEmployeeNumber?: string;
  /** What the target refuses (attribute limits, required attributes), checked for every write. */
  readonly capabilities?: Pick<
    TargetCapabilities,
    'displayName' | 'attributeLimits' | 'requiredOnCreate' | 'scopedUnique' | 'externalOwner'
  >;
  /** The operator's overrides of the match stage (link, exclude, never match). */
  readonly overrides?: OverrideSet;
  /** Persons the target refused; they get no writes while their fingerprint is unchanged. */
  readonly quarantine?: QuarantinePlanInput;
  /**
   * False for a plan that will not be applied (a simulation): its persons' plans then keep no
   * `applied` values (stored only after a write) and no quarantine fingerprint (kept only when the
   * target refuses a write), save a quarantined person's. Kept, each person's mapped values lived to
   * the plan's end, ~100 bytes and more per person copied by the garbage collector; not kept, they are
   * garbage as soon as the person is planned. Default true.
   */
  readonly applies?: boolean;
}

export interface QuarantinePlanInput {
  readonly entries: ReadonlyMap<string, QuarantineEntry>;
  /** What a person's write depends on: the configuration and their mapped values, hashed. */
  readonly fingerprint: (values: Attributes) => string;
  /** Persons an operator asked to run again (an on-demand run): sent whatever their fingerprint. */
  readonly released?: ReadonlySet<string>;
}

export const UNIQUE = 'UniqueName';

/** What the planner's reused match result holds before its first person (PlanRun.matchInput.scratch). */
const EMPTY_ACCOUNT = Object.freeze({ id: '', attributes: Object.freeze({}) });
export const ENABLED = 'accountEnabled';

/** A matching attribute with the rule that gives its value, looked up once. */
export interface MatchOn {
  readonly attribute: string;
  readonly rule: CompiledRule | undefined;
  /** Its rule uses `[UniqueName]`: matched on the first local part the person would get. */
  readonly unique: boolean;
}

export interface PlanRun {
  readonly input: PlanInput;
  readonly config: ConnectionConfig;
  readonly mapping: CompiledMapping;
  readonly index: AccountIndex;
  /** Rules without `[UniqueName]`: evaluated for every person. */
  readonly plainRules: readonly CompiledRule[];
  /** The plain rules an existing account is compared with: "always", and not accountEnabled. */
  readonly comparedRules: readonly CompiledRule[];
  /** What differs between a person's mapped values and their account, in comparedRules' attributes. */
  readonly differences: Differences;
  /** Rules with `[UniqueName]`: evaluated for creates (and for matching on them). */
  readonly uniqueRules: readonly CompiledRule[];
  /**
   * The unique rules may be evaluated one by one and not all of them (a taken local part is passed
   * over at its first taken value): each targets its own attribute and calls only functions that
   * neither draw from the random stream, ask the registry nor run a pattern (which may throw).
   */
  readonly uniqueRulesPure: boolean;
  /**
   * The person attributes the unique rules read besides UniqueName (an expression reads attributes
   * only by name, so these are all); undefined when one cannot be copied by assignment (`__proto__`).
   */
  readonly uniqueReferences: readonly string[] | undefined;
  /**
   * Per first local part (and the other attributes the unique rules read): how far its numbered local
   * parts (first2, first3, …) are known taken, each found so by an earlier create of this run. What is
   * taken stays taken while a run plans (the tenant is read, reservations only grow), so a later create
   * with the same name passes over them without evaluating and looking up each (common names are
   * numbered into the tens). Only for pure unique rules (uniqueRulesPure).
   */
  readonly takenSuffixes: Map<string, number>;
  /**
   * The target of a unique rule that is the local part itself (`[UniqueName]`, a text: the mail
   * nickname), when the unique rules are pure: a numbered local part the tenant holds there is taken
   * whatever the other rules give, so the tenant's own numbers are known before any is tried
   * (UniqueNameRegistry.heldNumbers).
   */
  readonly localPartTarget: string | undefined;
  readonly matchOn: readonly MatchOn[];
  readonly matchesOnUniqueName: boolean;
  readonly registry: UniqueNameRegistry;
  readonly limits: Limits;
  /** fitValues for the plain rules' values, made for their targets (target-limits.ts fitterFor). */
  readonly fitPlain: Fitter;
  /** fitValues for the unique rules' values, likewise. */
  readonly fitUnique: Fitter;
  readonly requiredOnCreate: readonly string[];
  readonly externalOwner: ExternalOwner | undefined;
  /** Where accounts may be placed (PlanInput.readWithin); undefined: anywhere. */
  readonly placement: Placement | undefined;
  readonly linksByEmployee: ReadonlyMap<string, Link>;
  /** account id → employee number, for every stored link. */
  readonly owners: ReadonlyMap<string, string>;
  /** Which person of this run claims which account, and how strongly (account-claims.ts). */
  readonly claims: AccountClaims;
  readonly overrides: OverrideSet;
  /** Accounts linked to someone by an override: refused to everyone who is not an owner of one. */
  readonly linkedByOthers: ReadonlySet<string> | undefined;
  readonly quarantine: QuarantinePlanInput | undefined;
  /** Whether the plan will be applied: its persons' plans keep applied values (PlanInput.applies). */
  readonly applies: boolean;
  /**
   * Whether nothing keeps a person's mapped values past their plan: a plan not applied keeps no
   * applied values, and without quarantine entries no fingerprint closes over them (quarantine-plan.ts).
   * Then the plain rules' values are one object refilled for each person (evaluateRulesIn's `refill`).
   */
  readonly refillValues: boolean;
  readonly context: PersonContext;
  /** The local parts to try for a person, in order: from the naming scheme, else from the candidates. */
  readonly localParts: (context: EvalContext) => Iterator<string>;
  /** The matcher's input, refilled for each person (plan-person.ts); `values` is `matchValues`. */
  readonly matchInput: { -readonly [K in keyof MatchInput]: MatchInput[K] };
  readonly matchValues: readonly { readonly attribute: string; value: AttrValue }[];
  /** Accounts counted as managed (linked or matched): the base for percent thresholds. */
  managed: number;
  /** The scope step for a decision: without filters every person shares one (frozen) step. */
  scopeStep(decision: ScopeDecision): ReturnType<typeof step>;
  /** A person of this run by employee number (the map is made on first use: few runs need it). */
  personNamed(employeeNumber: string): Person | undefined;
}

export function planRun(input: PlanInput): PlanRun {
  const { config, mapping } = input;
  const uniqueRules = mapping.rules.filter((r) => r.references.includes(UNIQUE));
  const plainRules = mapping.rules.filter((r) => !r.references.includes(UNIQUE));
  const candidates: readonly Candidate[] = parseCandidates(config.uniqueness.candidates);
  const scheme = config.uniqueness.scheme;
  const maxSuffix = config.uniqueness.maxSuffix;
  const matchOn = config.matching.map((attribute) => {
    const rule = mapping.byTarget.get(attribute);
    return { attribute, rule, unique: rule?.references.includes(UNIQUE) === true };
  });
  const pure = arePure(uniqueRules, config.mapping);
  const comparedRules = plainRules.filter((r) => r.apply === 'always' && r.target !== ENABLED);
  const overrides = input.overrides ?? NO_OVERRIDES;
  const owners = new Map(input.links.map((l) => [l.accountId, l.employeeNumber]));
  const matchValues = matchOn.map(({ attribute }) => ({ attribute, value: null as AttrValue }));
  let personsByNumber: Map<string, Person> | undefined;
  let lastScope: ScopeDecision | undefined;
  let lastScopeStep: ReturnType<typeof step> | undefined;
  const limits: Limits = {
    targetName: input.capabilities?.displayName ?? 'the target',
    limits: input.capabilities?.attributeLimits ?? {},
    policyOf: (attribute) => mapping.byTarget.get(attribute)?.onTooLong,
  };
  return {
    input,
    config,
    mapping,
    index: input.index,
    plainRules,
    comparedRules,
    differences: differencesOf(comparedRules.map((r) => r.target)),
    uniqueRules,
    uniqueRulesPure: pure,
    uniqueReferences: referencesOf(uniqueRules),
    takenSuffixes: new Map(),
    localPartTarget: pure ? localPartTarget(uniqueRules, config.mapping) : undefined,
    matchOn,
    matchesOnUniqueName: matchOn.some((m) => m.unique),
    registry: new UniqueNameRegistry(
      input.index,
      input.collisions,
      input.reserved ?? {},
      input.implied,
      uniqueRules.map((r) => r.target),
    ),
    limits,
    fitPlain: fitterFor(
      plainRules.map((r) => r.target),
      limits,
    ),
    fitUnique: fitterFor(
      uniqueRules.map((r) => r.target),
      limits,
    ),
    requiredOnCreate: input.capabilities?.requiredOnCreate ?? [],
    externalOwner: input.capabilities?.externalOwner,
    placement: placementOf(input.readWithin),
    linksByEmployee: new Map(input.links.map((l) => [l.employeeNumber, l])),
    owners,
    claims: new AccountClaims(matchOn),
    overrides,
    linkedByOthers:
      overrides.linkedAccounts.size === 0 ? undefined : new Set(overrides.linkedAccounts.keys()),
    quarantine: input.quarantine,
    applies: input.applies !== false,
    refillValues: input.applies === false && (input.quarantine?.entries.size ?? 0) === 0,
    context: new PersonContext(input.nowIso),
    localParts: (context) =>
      scheme
        ? schemeCandidates(scheme, namePartsOf(context.attributes), maxSuffix)
        : candidateSequence(new CandidateValues(candidates, context), maxSuffix),
    matchInput: {
      employeeNumber: '',
      link: undefined,
      values: matchValues,
      index: input.index,
      owners,
      linkOverride: undefined,
      refused: undefined,
      // planPerson reads the match before the next person's and keeps none of it.
      scratch: new Matched(EMPTY_ACCOUNT, null, null, null),
    },
    matchValues,
    managed: 0,
    scopeStep(decision) {
      if (decision !== lastScope || lastScopeStep === undefined) {
        lastScope = decision;
        lastScopeStep = Object.freeze(
          step('scope', decision.reason, decision.inScope ? 'success' : 'skipped'),
        );
      }
      return lastScopeStep;
    },
    personNamed(n) {
      personsByNumber ??= new Map(input.persons.map((p) => [p.employeeNumber, p]));
      return personsByNumber.get(n);
    },
  };
}

/** What planning one person tells the run besides the plan; one object, refilled for each person. */
export class PersonOutcome {
  /** The person's account for manager references: null while its create is pending; undefined: none. */
  accountId: string | null | undefined = undefined;
  /** The manager the target reports for the account; undefined when the target did not say. */
  currentManager: string | null | undefined = undefined;
  /** The person's quarantine entry (looked up only for a plan with mapped values to compare). */
  entry: QuarantineEntry | undefined = undefined;
  /** The system that owns the person's account, when another does (account-owner.ts ownerOf). */
  owner: ExternalOwner | null = null;

  clear(): this {
    this.accountId = undefined;
    this.currentManager = undefined;
    this.entry = undefined;
    this.owner = null;
    return this;
  }
}

/**
 * Whether the rules are pure in the sense of PlanRun.uniqueRulesPure, read from their configured
 * sources: a name followed by "(" anywhere in an expression (even inside a quoted text) must be a
 * pure function, so anything unclear counts as impure.
 */
function arePure(rules: readonly CompiledRule[], mapping: ConnectionConfig['mapping']): boolean {
  const targets = new Set<string>();
  for (const rule of rules) {
    if (targets.has(rule.target)) return false;
    targets.add(rule.target);
    const sources = mapping.filter((m) => m.target === rule.target && m.type !== 'none');
    if (sources.length !== 1) return false;
    const source = sources[0] as (typeof sources)[number];
    if (source.type !== 'expression') continue;
    for (const call of (source.source ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g))
      if (!givesSameAnswer(call[1] as string)) return false;
  }
  return true;
}

/** The target of the first unique rule that gives the local part as it is (PlanRun.localPartTarget). */
function localPartTarget(
  rules: readonly CompiledRule[],
  mapping: ConnectionConfig['mapping'],
): string | undefined {
  for (const rule of rules) {
    const source = mapping.find((m) => m.target === rule.target && m.type !== 'none');
    if (rule.type === 'string' && source?.type === 'expression' && source.source?.trim() === `[${UNIQUE}]`)
      return rule.target;
  }
  return undefined;
}

function referencesOf(rules: readonly CompiledRule[]): readonly string[] | undefined {
  const names = new Set<string>();
  for (const rule of rules) for (const name of rule.references) if (name !== UNIQUE) names.add(name);
  return names.has('__proto__') ? undefined : [...names];
}
