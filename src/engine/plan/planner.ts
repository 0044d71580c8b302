/**
 * plan: the exact list of writes per person. Pure and deterministic — no I/O, the clock is an input —
 * so simulation, sync and on-demand share it and only the executor differs (STYLE.md principle 1).
 */
import {
  type Account,
  type AttributeChange,
  type Attributes,
  type AttrValue,
  type ConnectionConfig,
  type Link,
  type LocalDate,
  NO_OVERRIDES,
  type OverrideSet,
  type Person,
  type PlannedWrite,
  type QuarantineEntry,
  type RunStep,
  type StepReason,
  sameValue,
} from '../../core/index.ts';
import { type EvalContext, type Expression, evaluate, parseExpression } from '../../expr/index.ts';
import { type CompiledMapping, type CompiledRule, evaluateRules, evaluateRulesIn } from '../map/index.ts';
import { type AccountIndex, matchPerson } from '../match/index.ts';
import { addDays } from '../normalise/index.ts';
import { overBudget } from '../pattern-budget.ts';
import type { ImpliedName, ScopedReservation, TargetCapabilities } from '../ports.ts';
import type { ScopeDecision, ScopeFn } from '../scope/index.ts';
import {
  lifecycleLocked,
  lockedChanges,
  OWNED_ELSEWHERE,
  ownedStep,
  ownerOf,
  withLockedManager,
} from './account-owner.ts';
import { namePartsOf, schemeCandidates } from './naming-schemes.ts';
import { resolveScopedNames } from './scoped-names.ts';
import { seededRandom } from './seeded-random.ts';
import {
  fitValues,
  type LimitCheck,
  type Limits,
  refusedStep,
  shortenedStep,
  type WriteProblem,
  writeProblems,
} from './target-limits.ts';
import { item, type PersonPlan, type Plan } from './types.ts';
import { candidateSequence, chooseUniqueFrom, cleanLocalPart, UniqueNameRegistry } from './unique-names.ts';

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
}

export interface QuarantinePlanInput {
  readonly entries: ReadonlyMap<string, QuarantineEntry>;
  /** What a person's write depends on: the configuration and their mapped values, hashed. */
  readonly fingerprint: (values: Attributes) => string;
  /** Persons an operator asked to run again (an on-demand run): sent whatever their fingerprint. */
  readonly released?: ReadonlySet<string>;
}

const UNIQUE = 'UniqueName';
const NO_PROBLEMS: readonly WriteProblem[] = Object.freeze([]);
const NO_WARNINGS: readonly RunStep[] = Object.freeze([]);
const ENABLED = 'accountEnabled';
const step = (s: RunStep['step'], message: string, status: RunStep['status'] = 'success'): RunStep => ({
  step: s,
  status,
  message,
});
/** A step whose words come from its reason: the message (the raw detail) is made from it when shown. */
const because = (s: RunStep['step'], reason: StepReason, status: RunStep['status'] = 'success'): RunStep => ({
  step: s,
  status,
  message: '',
  reason,
});

export function plan(input: PlanInput): Plan {
  const { config, mapping, index, today } = input;
  const uniqueRules = mapping.rules.filter((r) => r.references.includes(UNIQUE));
  const plainRules = mapping.rules.filter((r) => !r.references.includes(UNIQUE));
  const candidates = config.uniqueness.candidates.map((text, i) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(`candidate "${text}" does not parse: ${parsed.error.message}`);
    return { ast: parsed.ast, label: `unique-name candidate ${i + 1} (${text})` };
  });
  const registry = new UniqueNameRegistry(index, input.collisions, input.reserved ?? {}, input.implied);
  const limits: Limits = {
    targetName: input.capabilities?.displayName ?? 'the target',
    limits: input.capabilities?.attributeLimits ?? {},
    policyOf: (attribute) => mapping.byTarget.get(attribute)?.onTooLong,
  };
  const requiredOnCreate = input.capabilities?.requiredOnCreate ?? [];
  // Built on first use: only a warning about a manager without an account, or links, need it.
  let personsByNumber: Map<string, Person> | undefined;
  const personNamed = (n: string): Person | undefined => {
    personsByNumber ??= new Map(input.persons.map((p) => [p.employeeNumber, p]));
    return personsByNumber.get(n);
  };
  const scheme = config.uniqueness.scheme;
  /** The local parts to try for a person, in order: from the naming scheme, else from the candidates. */
  const localParts = (context: EvalContext): Iterator<string> =>
    scheme
      ? schemeCandidates(scheme, namePartsOf(context.attributes), config.uniqueness.maxSuffix)
      : candidateSequence(new CandidateValues(candidates, context), config.uniqueness.maxSuffix);
  const matchesOnUniqueName = config.matching.some((a) =>
    mapping.byTarget.get(a)?.references.includes(UNIQUE),
  );
  const linksByEmployee = new Map(input.links.map((l) => [l.employeeNumber, l]));
  const owners = new Map(input.links.map((l) => [l.accountId, l.employeeNumber]));
  const overrides = input.overrides ?? NO_OVERRIDES;
  const quarantine = input.quarantine;
  const personPlans: PersonPlan[] = [];
  /** employee number → account id (or null while its create is pending), for manager references. */
  const accountOf = new Map<string, string | null>();
  const pendingManagers: {
    index: number;
    person: Person;
    accountId: string | null;
    link: Link | undefined;
    /** The manager's account id as the target holds it; undefined when the target did not say. */
    currentManager: string | null | undefined;
  }[] = [];
  let managed = 0;
  const nowIso = input.nowIso;
  // The evaluation context of every mapping, pointed at each person in turn (no object per person).
  const context = new PersonContext(nowIso);
  // Without filters every person gets the same decision object: then they share one (frozen) step.
  let lastScope: ScopeDecision | undefined;
  let lastScopeStep: RunStep | undefined;
  const scopeStep = (decision: ScopeDecision): RunStep => {
    if (decision !== lastScope || lastScopeStep === undefined) {
      lastScope = decision;
      lastScopeStep = Object.freeze(step('scope', decision.reason, decision.inScope ? 'success' : 'skipped'));
    }
    return lastScopeStep;
  };

  for (const person of input.persons) {
    if (input.onlyEmployeeNumber !== undefined && person.employeeNumber !== input.onlyEmployeeNumber)
      continue;
    const p = planPerson(person, person.attributes, context.reset(person));
    const entry = quarantine?.entries.get(person.employeeNumber);
    if (quarantine && p.mapped && (p.plan.writes.length > 0 || entry)) {
      const fingerprint = fingerprintOf(quarantine, p.mapped, person.attributes.ManagerEmployeeNumber);
      if (
        entry &&
        entry.fingerprint === fingerprint() &&
        p.plan.writes.length > 0 &&
        !quarantine.released?.has(person.employeeNumber)
      ) {
        personPlans.push(quarantined(p.plan, entry));
        continue;
      }
      p.plan = { ...p.plan, fingerprint };
      if (entry) p.plan = withStep(p.plan, released(entry, quarantine, person.employeeNumber));
    }
    personPlans.push(p.plan);
    if (p.accountId !== undefined) {
      accountOf.set(person.employeeNumber, p.accountId);
      pendingManagers.push({
        index: personPlans.length - 1,
        person,
        accountId: p.accountId,
        link: linksByEmployee.get(person.employeeNumber),
        currentManager: p.currentManager,
      });
    }
  }

  // Names unique per container (AD's cn per OU): clashes resolved before any manager is set.
  for (const rule of input.capabilities?.scopedUnique ?? []) {
    const resolved = resolveScopedNames(personPlans, index, rule, input.reservedWithin?.[rule.attribute]);
    personPlans.splice(0, personPlans.length, ...resolved);
  }

  if (config.lifecycle.setManager) {
    // Managers outside this run's plan (on-demand runs) are found through their links.
    const managerAccount = (n: string): string | null | undefined => {
      const planned = accountOf.get(n);
      if (planned !== undefined) return planned;
      const linked = linksByEmployee.get(n)?.accountId;
      return linked !== undefined && index.byId.has(linked) ? linked : undefined;
    };
    // Only a manager that changes is shown by employee number: the reverse map is made on first use.
    let byAccount: Map<string, string> | undefined;
    const employeeOfAccount = (id: string): string | undefined => {
      if (byAccount === undefined) {
        byAccount = new Map<string, string>(owners);
        for (const [n, account] of accountOf) if (account !== null) byAccount.set(account, n);
      }
      return byAccount.get(id);
    };
    const externalOwner = input.capabilities?.externalOwner;
    const nameOf = (n: string) => personNamed(n)?.displayName;
    for (const m of pendingManagers) {
      const current = personPlans[m.index] as PersonPlan;
      const account = m.accountId === null ? undefined : index.byId.get(m.accountId);
      const owner = account ? ownerOf(account, externalOwner) : null;
      const next = withManager(
        current,
        m,
        managerAccount,
        employeeOfAccount,
        nameOf,
        input.onlyEmployeeNumber !== undefined,
      );
      personPlans[m.index] =
        owner && !owner.writable.includes('manager') && next.writes.length > current.writes.length
          ? withLockedManager(current, next, owner)
          : next;
    }
  }

  if (input.onlyEmployeeNumber === undefined) {
    for (const link of input.links) {
      if (personNamed(link.employeeNumber) !== undefined) continue;
      const account = index.byId.get(link.accountId);
      if (!account) continue;
      managed++;
      personPlans.push(missingFromSource(link, account));
    }
  }
  return Object.freeze({
    persons: Object.freeze(personPlans),
    managedAccounts: managed,
    sourceCount: input.persons.length,
  });

  function planPerson(
    person: Person,
    attrs: Attributes,
    /** The mappings' evaluation context: `attributes` are `attrs`. */
    context: { attributes: Attributes; now: () => string; random: () => number },
  ): {
    plan: PersonPlan;
    accountId?: string | null;
    currentManager?: string | null | undefined;
    /** The person's mapped values, fitted to the target (what the quarantine fingerprint hashes). */
    mapped?: Attributes;
  } {
    const n = person.employeeNumber;
    const name = person.displayName;
    const primary = person.primary;
    const steps: RunStep[] = [
      because('read', {
        code: 'person',
        lifecycle: person.lifecycle,
        employments: person.employments.length,
        primary: primary?.key ?? null,
        start: primary?.startDate ?? null,
        end: primary?.endDate ?? null,
        unit: unitOf(primary?.fields.Organisatorische_eenheid_omschrijving),
        hire: unitOf(person.attributes.HireDate),
      }),
    ];
    const scope = input.scope(person);
    steps.push(scopeStep(scope));
    const excluded = overrides.excluded.get(n);
    if (excluded) {
      const link = linksByEmployee.get(n);
      steps.push({
        ...step('match', `excluded by an override${byWhom(excluded)}; nothing is sent`, 'skipped'),
        reason: { code: 'excluded', by: excluded.createdBy, note: excluded.reason },
      });
      return { plan: bare(item(n, name, 'out-of-scope', 'skipped', link?.accountId ?? null, [], steps)) };
    }

    const evaluated = evaluateRulesIn(plainRules, context);
    if (evaluated.errors.length > 0) {
      steps.push(step('plan', evaluated.errors.join('; '), 'failed'));
      const error = { code: 'HRS_EXPR_EVALUATION', message: evaluated.errors.join('; ') };
      return { plan: bare(item(n, name, 'no-change', 'failed', null, [], steps, error)) };
    }
    // Values are fitted to the target before anything compares them, so a shortened value matches
    // what the tenant holds next time (no write on every run).
    const fitted = fitValues(evaluated.values, limits);
    const mapped = { values: fitted.values, notFlowed: evaluated.notFlowed };
    const firstLocal = matchesOnUniqueName ? (localParts(context).next().value ?? '') : '';
    const matchValues = config.matching.map((attribute) => {
      const rule = mapping.byTarget.get(attribute);
      const value = rule?.references.includes(UNIQUE)
        ? (evaluateRules([rule], withUniqueName(attrs, firstLocal), context).values[attribute] ?? null)
        : (mapped.values[attribute] ?? null);
      return { attribute, value };
    });
    const link = linksByEmployee.get(n);
    const match = matchPerson({
      employeeNumber: n,
      link,
      values: matchValues,
      index,
      owners,
      linkOverride: overrides.links.get(n),
      refused: refusedAccounts(n),
    });
    if (match.kind === 'conflict' && !scope.inScope) {
      // Out of scope, only a linked account is ever acted on, and a conflict has none: the ambiguity
      // blocks nothing this connection would do, so it is not a finding (nor an activation blocker).
      steps.push({
        ...step('match', `${match.message}; left alone because the person is out of scope`, 'skipped'),
        reason: match.reason,
      });
      steps.push(because('plan', { code: 'out-of-scope-left', account: false }));
      return { plan: bare(item(n, name, 'out-of-scope', 'skipped', null, [], steps)) };
    }
    if (match.kind === 'conflict') {
      steps.push({ ...step('match', match.message, 'failed'), reason: match.reason });
      const error = {
        code: 'HRS_MATCH_AMBIGUOUS',
        message: match.message,
        accounts: match.candidates.map((c) => c.id),
      };
      return { plan: bare(item(n, name, 'conflict', 'failed', null, [], steps, error)) };
    }
    steps.push({ step: 'match', status: 'success', message: match.message, reason: match.reason });
    const dropLink = match.kind === 'none' && match.staleLink;
    const account = match.kind === 'none' ? null : match.account;
    const linked = match.kind === 'linked';
    if (account) managed++;
    const desiredEnabled = enabledFor(mapped.values[ENABLED], person);

    if (!scope.inScope) {
      if (
        !account ||
        !linked ||
        config.scope.outOfScope === 'none' ||
        (config.scope.outOfScope === 'disable' && !isEnabled(account))
      ) {
        steps.push(because('plan', { code: 'out-of-scope-left', account: account !== null }));
        return {
          plan: {
            ...bare(item(n, name, 'out-of-scope', 'skipped', account?.id ?? null, [], steps)),
            dropLink,
          },
        };
      }
      const kind = config.scope.outOfScope;
      steps.push(because('plan', { code: 'out-of-scope-write', policy: kind }));
      return { plan: lifecycleWrite(kind, n, name, account, steps, link) };
    }

    if (!account) {
      if (person.lifecycle !== 'active' && person.lifecycle !== 'pre-hire') {
        steps.push(
          because('plan', {
            code: 'no-account-needed',
            lifecycle: person.lifecycle,
            start: primary?.startDate ?? null,
            end: unitOf(person.attributes.EndDate) ?? primary?.endDate ?? null,
            leadDays: config.persons.leadDays,
          }),
        );
        return { plan: { ...bare(item(n, name, 'no-change', 'skipped', null, [], steps)), dropLink } };
      }
      return {
        plan: { ...createPlan(person, attrs, context, fitted, desiredEnabled, steps), dropLink },
        accountId: null,
        mapped: fitted.values,
      };
    }

    if (linked && deleteDue(person)) {
      steps.push(
        because('plan', {
          code: 'delete-due',
          end: String(person.attributes.EndDate),
          days: config.lifecycle.deleteAfterDays ?? 0,
        }),
      );
      return { plan: lifecycleWrite('delete', n, name, account, steps, link) };
    }
    const changes: AttributeChange[] = [];
    for (const rule of plainRules) {
      if (rule.apply !== 'always' || rule.target === ENABLED || mapped.notFlowed.has(rule.target)) continue;
      const next = mapped.values[rule.target] ?? null;
      const old = account.attributes[rule.target] ?? null;
      if (!sameValue(old, next)) changes.push({ attribute: rule.target, old, new: next });
    }
    // Most persons change nothing: then nothing is refused or shortened, and nothing is allocated.
    const refused =
      changes.length === 0
        ? NO_PROBLEMS
        : writeProblems(
            fitted,
            changes.map((c) => ({ attribute: c.attribute, value: c.new })),
            limits,
            null,
          );
    const warnings =
      fitted.shortened.size === 0
        ? NO_WARNINGS
        : changes.flatMap((c) => {
            const s = fitted.shortened.get(c.attribute);
            return s ? [shortenedStep(s, limits)] : [];
          });
    // An account another system owns (synced from on-premises AD): only what the target accepts goes.
    const owner = ownerOf(account, input.capabilities?.externalOwner);
    const locked = owner !== null && changes.length > 0 ? lockedChanges(owner, changes) : [];
    // The target would refuse the whole update; the values it accepts and the enable/disable still go.
    const refusedAttributes =
      refused.length > 0 || locked.length > 0
        ? new Set([...refused.map((r) => r.attribute), ...locked.map((c) => c.attribute)])
        : null;
    const accepted =
      refusedAttributes !== null ? changes.filter((c) => !refusedAttributes.has(c.attribute)) : changes;
    const writes: PlannedWrite[] = [];
    const enabled = isEnabled(account);
    let action: PersonPlan['item']['action'] = 'no-change';
    if (desiredEnabled !== enabled) action = desiredEnabled ? 'enable' : 'disable';
    const lockedLifecycle =
      owner !== null && (action === 'enable' || action === 'disable') && lifecycleLocked(owner, action)
        ? action
        : null;
    if ((action === 'enable' || action === 'disable') && lockedLifecycle === null)
      writes.push({ kind: action, employeeNumber: n, accountId: account.id });
    if (accepted.length > 0)
      writes.unshift({ kind: 'update', employeeNumber: n, accountId: account.id, changes: accepted });
    if (changes.length > 0 && action === 'no-change') action = 'update';
    const allChanges =
      action === 'enable' || action === 'disable'
        ? [...changes, { attribute: ENABLED, old: enabled, new: desiredEnabled }]
        : changes;
    steps.push(because('plan', describe(action, person, changes.length)));
    for (const w of warnings) steps.push(w);
    let status: PersonPlan['item']['status'] = warnings.length > 0 ? 'warning' : 'success';
    let error: { code: string; message: string } | null = null;
    if (refused.length > 0) {
      const refusal = refusedStep(limits, refused, false);
      steps.push(refusal);
      status = 'failed';
      error = { code: 'HRS_TARGET_VALUE_INVALID', message: refusal.message };
    }
    if (owner && (locked.length > 0 || lockedLifecycle !== null)) {
      const owned = ownedStep(owner, locked, lockedLifecycle);
      const message = owned.message;
      steps.push(owned);
      status = 'failed';
      error = { code: OWNED_ELSEWHERE, message: error ? `${message}; ${error.message}` : message };
    }
    if (status !== 'failed') writes.push(...writeBack(n, attrs, account.attributes));
    return {
      plan: {
        item: item(n, name, action, status, account.id, allChanges, steps, error),
        writes,
        newLink: linked ? null : { accountId: account.id },
        dropLink: false,
        applied: mapped.values,
      },
      accountId: account.id,
      currentManager: managerOf(account),
      mapped: fitted.values,
    };
  }

  /** Accounts this person must not match: their never-match overrides, and accounts linked to others. */
  function refusedAccounts(n: string): ReadonlySet<string> | undefined {
    const never = overrides.neverMatch.get(n);
    if (overrides.linkedAccounts.size === 0) return never;
    const out = new Set(never ?? []);
    for (const [accountId, owner] of overrides.linkedAccounts) if (owner !== n) out.add(accountId);
    return out;
  }

  function createPlan(
    person: Person,
    attrs: Attributes,
    context: EvalContext,
    fitted: LimitCheck,
    enabled: boolean,
    steps: RunStep[],
  ): PersonPlan {
    const n = person.employeeNumber;
    const values = fitted.values;
    let uniqueValues: Readonly<Record<string, AttrValue>> = {};
    if (uniqueRules.length > 0) {
      // One copy of the attributes per person; only UniqueName changes between candidates.
      const scratch = withUniqueName(attrs, '');
      const scratchContext: EvalContext = { ...context, attributes: scratch };
      /** " (why)" when a local part was refused for a name held implicitly, which no account shows. */
      const impliedReason = (localPart: string | undefined): string => {
        if (localPart === undefined || input.implied === undefined || input.implied.length === 0) return '';
        scratch[UNIQUE] = localPart;
        for (const [attribute, value] of Object.entries(
          evaluateRulesIn(uniqueRules, scratchContext).values,
        )) {
          const why = typeof value === 'string' ? registry.impliedClash(attribute, value) : null;
          if (why !== null) return ` (${why})`;
        }
        return '';
      };
      // The first local part tried is remembered: the steps name it, and evaluating the candidates
      // again would cost as much as the choice (and draw again from a RandomString's stream).
      const sequence = localParts(context);
      let first: string | undefined;
      let started = false;
      const recorded: Iterable<string> = {
        [Symbol.iterator]: () => ({
          next: () => {
            const r = sequence.next();
            if (!started) {
              started = true;
              if (r.done !== true) first = r.value;
            }
            return r;
          },
        }),
      };
      const choice = chooseUniqueFrom(
        recorded,
        (localPart) => {
          scratch[UNIQUE] = localPart;
          return evaluateRulesIn(uniqueRules, scratchContext).values;
        },
        registry,
      );
      if (!choice) {
        const targets = uniqueRules.map((r) => r.target).join(', ');
        const message =
          first === undefined
            ? `no user name can be made for ${targets}: the name parts the ${scheme ? `"${scheme}" scheme` : 'candidates'} need${scheme ? 's' : ''} are empty`
            : `every candidate for ${targets} is taken ("${first}", the other candidates and numbers up to ${config.uniqueness.maxSuffix})`;
        steps.push(step('plan', message, 'failed'));
        return bare(
          item(n, person.displayName, 'create', 'failed', null, [], steps, {
            code: 'HRS_UNIQUE_EXHAUSTED',
            message,
          }),
        );
      }
      uniqueValues = choice.values;
      if (choice.tried > 1) {
        const implied = impliedReason(first);
        steps.push({
          ...step(
            'plan',
            `"${first}" was taken${implied}; chose "${choice.localPart}" (candidate ${choice.tried})`,
          ),
          reason: {
            code: 'name-taken',
            first: first ?? '',
            why: implied === '' ? null : implied.slice(2, -1),
            chosen: choice.localPart,
            candidate: choice.tried,
          },
        });
      }
    }
    const unique = fitValues(uniqueValues, limits);
    // One pass over the merged values makes what is written, what is checked and what is shown.
    const applied: Record<string, AttrValue> = { ...values, ...unique.values };
    const attributes: Record<string, AttrValue> = {};
    const written: { attribute: string; value: AttrValue }[] = [];
    const changes: AttributeChange[] = [];
    for (const k in applied) {
      const v = applied[k] as AttrValue;
      if (k === ENABLED || v === null || (Array.isArray(v) && v.length === 0)) continue;
      attributes[k] = v;
      written.push({ attribute: k, value: v });
      changes.push({ attribute: k, old: null, new: v });
    }
    const check: LimitCheck = {
      values: attributes,
      shortened: merged(fitted.shortened, unique.shortened),
      problems: merged(fitted.problems, unique.problems),
    };
    const refused = writeProblems(check, written, limits, requiredOnCreate);
    if (refused.length > 0) {
      const refusal = refusedStep(limits, refused, true);
      const message = refusal.message;
      steps.push(refusal);
      return bare(
        item(n, person.displayName, 'create', 'failed', null, [], steps, {
          code: 'HRS_TARGET_VALUE_INVALID',
          message,
        }),
      );
    }
    const warnings: RunStep[] = [];
    if (check.shortened.size > 0)
      for (const a in attributes) {
        const s = check.shortened.get(a);
        if (s) warnings.push(shortenedStep(s, limits));
      }
    changes.push({ attribute: ENABLED, old: null, new: enabled });
    steps.push(
      because('plan', {
        code: 'create',
        enabled,
        upn: typeof attributes.userPrincipalName === 'string' ? attributes.userPrincipalName : null,
        start: person.primary?.startDate ?? null,
        leadDays: config.persons.leadDays,
      }),
    );
    for (const w of warnings) steps.push(w);
    const writes: PlannedWrite[] = [{ kind: 'create', employeeNumber: n, attributes, enabled }];
    writes.push(...writeBack(n, attrs, attributes));
    return {
      item: item(
        n,
        person.displayName,
        'create',
        warnings.length > 0 ? 'warning' : 'success',
        null,
        changes,
        steps,
      ),
      writes,
      newLink: null,
      dropLink: false,
      applied,
    };
  }

  function writeBack(n: string, attrs: Attributes, account: Attributes): PlannedWrite[] {
    const changes: AttributeChange[] = [];
    const mail = account.mail;
    if (config.writeBack.email && typeof mail === 'string' && !sameValue(attrs.Email_werk ?? null, mail)) {
      changes.push({ attribute: 'email', old: attrs.Email_werk ?? null, new: mail });
    }
    const upn = account.userPrincipalName;
    if (config.writeBack.upn && typeof upn === 'string' && !sameValue(attrs.UPN ?? null, upn)) {
      changes.push({ attribute: 'upn', old: attrs.UPN ?? null, new: upn });
    }
    return changes.length > 0 ? [{ kind: 'write-back', employeeNumber: n, changes }] : [];
  }

  function deleteDue(person: Person): boolean {
    const days = config.lifecycle.deleteAfterDays;
    const end = person.attributes.EndDate;
    return (
      person.lifecycle === 'gone' && days !== null && typeof end === 'string' && addDays(end, days) <= today
    );
  }

  /** A disable or delete, unless the account is another system's to change (then failed, with why). */
  function lifecycleWrite(
    kind: 'disable' | 'delete',
    n: string,
    name: string,
    account: Account,
    steps: RunStep[],
    link: Link | undefined,
  ): PersonPlan {
    const owner = ownerOf(account, input.capabilities?.externalOwner);
    if (owner === null || !lifecycleLocked(owner, kind))
      return lifecyclePlan(kind, n, name, account, steps, link);
    const owned = ownedStep(owner, [], kind);
    const message = owned.message;
    steps.push(owned);
    return bare(item(n, name, kind, 'failed', account.id, [], steps, { code: OWNED_ELSEWHERE, message }));
  }

  function missingFromSource(link: Link, account: Account): PersonPlan {
    const name = String(account.attributes.displayName ?? link.employeeNumber);
    const steps = [because('read', { code: 'missing-from-source' })];
    if (config.lifecycle.missingFromSource === 'disable' && isEnabled(account)) {
      steps.push(because('plan', { code: 'missing-disable' }));
      return lifecycleWrite('disable', link.employeeNumber, name, account, steps, link);
    }
    steps.push(because('plan', { code: 'missing-left' }));
    return bare(item(link.employeeNumber, name, 'no-change', 'skipped', account.id, [], steps));
  }
}

function lifecyclePlan(
  kind: 'disable' | 'delete',
  n: string,
  name: string,
  account: Account,
  steps: readonly RunStep[],
  link: Link | undefined,
): PersonPlan {
  const changes: AttributeChange[] =
    kind === 'disable' ? [{ attribute: ENABLED, old: isEnabled(account), new: false }] : [];
  return {
    item: item(n, name, kind, 'success', account.id, changes, steps),
    writes: [{ kind, employeeNumber: n, accountId: account.id }],
    newLink: link ? null : { accountId: account.id },
    dropLink: false,
    applied: { ...(link?.applied ?? {}) },
  };
}

function withManager(
  p: PersonPlan,
  m: {
    person: Person;
    accountId: string | null;
    link: Link | undefined;
    currentManager: string | null | undefined;
  },
  managerAccount: (employeeNumber: string) => string | null | undefined,
  employeeOfAccount: (accountId: string) => string | undefined,
  nameOf: (employeeNumber: string) => string | undefined,
  onDemand: boolean,
): PersonPlan {
  if (p.item.status === 'failed') return p;
  const { person, accountId, link, currentManager } = m;
  const wanted = person.attributes.ManagerEmployeeNumber;
  const wantedAccount = typeof wanted === 'string' ? managerAccount(wanted) : undefined;
  if (typeof wanted === 'string' && wantedAccount === undefined) {
    // A reference that cannot resolve: the sync sets no manager either, so say so now.
    const name = nameOf(wanted);
    const why =
      name !== undefined
        ? 'has no account'
        : onDemand
          ? 'is not linked to an account yet (a full sync links them)'
          : 'is not in the AFAS read';
    p = withWarning(
      p,
      `manager ${wanted}${name === undefined ? '' : ` (${name})`} ${why}, so no manager is set`,
    );
  }
  const desired = typeof wanted === 'string' && wantedAccount !== undefined ? wanted : null;
  // What the account has now: read from the target when it reports managers, else what hrsync last set.
  const previous = link?.applied.manager;
  const unchanged =
    currentManager === undefined
      ? desired === (typeof previous === 'string' ? previous : null)
      : wantedAccount !== null && (wantedAccount ?? null) === currentManager;
  // Without a manager to set — none in HR, or one without an account yet — a manager is only cleared
  // when hrsync set it itself; one an administrator set by hand is left alone.
  const keep = desired === null && (typeof wanted === 'string' || typeof previous !== 'string');
  if (unchanged || keep) return withApplied(p, unchanged ? desired : null);
  const old =
    currentManager === undefined
      ? typeof previous === 'string'
        ? previous
        : null
      : currentManager === null
        ? null
        : (employeeOfAccount(currentManager) ?? currentManager);
  const write: PlannedWrite = {
    kind: 'set-manager',
    employeeNumber: person.employeeNumber,
    accountId,
    managerEmployeeNumber: desired,
    managerAccountId: wantedAccount ?? null,
    oldManagerAccountId: currentManager ?? (old === null ? null : (managerAccount(old) ?? null)),
  };
  const action = p.item.action === 'no-change' ? 'update' : p.item.action;
  const steps = [...p.item.steps, because('plan', { code: 'manager', old, new: desired })];
  return {
    ...p,
    item: {
      ...p.item,
      action,
      changes: [...p.item.changes, { attribute: 'manager', old, new: desired }],
      steps,
    },
    writes: [...p.writes, write],
    applied: withApplied(p, desired).applied,
  };
}

/** The manager reference the target reported for an account (`manager` attribute), if it reports one. */
function managerOf(account: Account): string | null | undefined {
  if (!Object.hasOwn(account.attributes, 'manager')) return undefined;
  const value = account.attributes.manager;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A person's quarantine fingerprint, hashed when first asked: only a person the target refuses (or one
 * with a quarantine entry) needs it, so a run that sends 10,000 updates hashes none of them up front.
 * The mapped values are read as they are now: `withApplied` later records the manager in the same
 * object, so that key is put back to what it was.
 */
function fingerprintOf(
  quarantine: QuarantinePlanInput,
  mapped: Attributes,
  manager: AttrValue | undefined,
): () => string {
  const hadManager = Object.hasOwn(mapped, 'manager');
  const managerBefore = mapped.manager;
  let hash: string | undefined;
  return () => {
    if (hash !== undefined) return hash;
    const values: Record<string, AttrValue> = { ...mapped, ManagerEmployeeNumber: manager ?? null };
    if (hadManager) values.manager = managerBefore as AttrValue;
    else delete values.manager;
    hash = quarantine.fingerprint(values);
    return hash;
  };
}

/**
 * The attributes with `UniqueName` set. A spread, not a copy key by key: every person's record has
 * one hidden class (normalise/attribute-record.ts), which a spread keeps, where ~60 keyed stores turn
 * the copy into a dictionary.
 */
/**
 * One person's evaluation context. The random stream is seeded by the instant and the employee
 * number, and only if an expression asks for it (RandomString, Guid).
 */
class PersonContext implements EvalContext {
  attributes: Attributes = {};
  private seed = '';
  private rng: (() => number) | undefined;
  readonly now: () => string;

  constructor(private readonly nowIso: string) {
    this.now = () => nowIso;
  }

  reset(person: Person): this {
    this.attributes = person.attributes;
    this.seed = person.employeeNumber;
    this.rng = undefined;
    return this;
  }

  readonly random = (): number => {
    this.rng ??= seededRandom(`${this.nowIso}/${this.seed}`);
    return this.rng();
  };
}

function withUniqueName(attrs: Attributes, localPart: string): Record<string, AttrValue> {
  return { ...attrs, UniqueName: localPart };
}

/** Two maps as one, without a copy when either is empty (as nearly always). */
function merged<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  return new Map([...a, ...b]);
}

function withStep(p: PersonPlan, s: RunStep): PersonPlan {
  return { ...p, item: { ...p.item, steps: [...p.item.steps, s] } };
}

function byWhom(o: { readonly createdBy: string; readonly reason: string | null }): string {
  return ` (${o.createdBy}${o.reason ? `: ${o.reason}` : ''})`;
}

/** A quarantined person: what would be sent is shown, nothing is sent. */
function quarantined(p: PersonPlan, entry: QuarantineEntry): PersonPlan {
  // The instant as it is: the words (contracts/item-reasons.ts) show it in the connection's zone.
  const message = `quarantined since ${entry.since}, because ${entry.message}`;
  return {
    item: {
      ...p.item,
      status: 'failed',
      steps: [
        ...p.item.steps,
        {
          ...step(
            'plan',
            `${message}. Nothing is sent until their AFAS data, the configuration or an operator changes something.`,
            'failed',
          ),
          reason: { code: 'quarantined', since: entry.since, because: entry.message },
        },
      ],
      error: { code: 'HRS_QUARANTINED', message },
    },
    writes: [],
    newLink: null,
    dropLink: false,
    applied: {},
  };
}

function released(entry: QuarantineEntry, q: QuarantinePlanInput, n: string): RunStep {
  const byOperator = q.released?.has(n) === true;
  const why = byOperator
    ? 'an operator asked to run them again'
    : 'their AFAS data or the configuration changed';
  return {
    ...step(
      'plan',
      `was quarantined since ${entry.since} (${entry.message}); sent again because ${why}`,
      'success',
    ),
    reason: { code: 'released', since: entry.since, because: entry.message, byOperator },
  };
}

function withWarning(p: PersonPlan, message: string): PersonPlan {
  return {
    ...p,
    item: {
      ...p.item,
      status: p.item.status === 'success' ? 'warning' : p.item.status,
      steps: [...p.item.steps, step('plan', message, 'warning')],
    },
  };
}

function bare(runItem: PersonPlan['item']): PersonPlan {
  return { item: runItem, writes: [], newLink: null, dropLink: false, applied: {} };
}

function isEnabled(account: Account): boolean {
  return account.attributes[ENABLED] !== false;
}

/** Without an accountEnabled mapping: enabled while active or within the grace days. */
function enabledFor(mapped: AttrValue | undefined, person: Person): boolean {
  if (typeof mapped === 'boolean') return mapped;
  return person.lifecycle === 'active' || person.lifecycle === 'leaver';
}

/**
 * The plan's `applied` values are its own fresh object (the mapped values of this person), so the
 * manager is recorded in place: copying twenty attributes for each of 50,000 persons only feeds the
 * garbage collector.
 */
function withApplied(p: PersonPlan, manager: string | null): PersonPlan {
  (p.applied as Record<string, AttrValue>).manager = manager;
  return p;
}

const UP_TO_DATE: StepReason = Object.freeze({ code: 'up-to-date' });

function describe(action: string, person: Person, count: number): StepReason {
  switch (action) {
    case 'enable':
    case 'disable':
      return { code: action, lifecycle: person.lifecycle, count };
    case 'update':
      return { code: 'update', count };
    default:
      return UP_TO_DATE;
  }
}

/** The candidates' local parts, each evaluated when the sequence reaches it (an iterator, not a generator: cheaper). */
class CandidateValues implements IterableIterator<string> {
  private next_ = 0;

  constructor(
    private readonly candidates: readonly { readonly ast: Expression; readonly label: string }[],
    private readonly context: EvalContext,
  ) {}

  next(): IteratorResult<string> {
    const candidate = this.candidates[this.next_];
    if (candidate === undefined) return { value: undefined, done: true };
    this.next_++;
    return { value: localPartOf(candidate, this.context), done: false };
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }
}

/** A text attribute as a reason parameter (dates and names are strings; anything else is none). */
function unitOf(value: AttrValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A candidate's local part. A candidate that joins parts (`Join(".", [Voorletters], …)`) is skipped
 * (empty) when any of its parts is empty, rather than collapsing into another candidate: without
 * initials, "initials.jansen" must not become "jansen".
 */
function localPartOf(
  candidate: { readonly ast: Expression; readonly label: string },
  full: EvalContext,
): string {
  const { ast, label } = candidate;
  try {
    if (ast.kind === 'call' && ast.name === 'Join') {
      for (let i = 1; i < ast.args.length; i++) {
        const part = ast.args[i];
        if (part === undefined || part.kind === 'missing') continue;
        const r = evaluate(part, full);
        if (!r.ok || r.value === null || cleanLocalPart(String(r.value)) === '') return '';
      }
    }
    const r = evaluate(ast, full);
    return r.ok && r.value !== null ? String(r.value) : '';
  } catch (error) {
    throw overBudget(label, error);
  }
}

export type { CompiledRule };
