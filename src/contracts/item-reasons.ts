/**
 * A run item's steps in plain words for an MSP admin ("Starts on 1 Mar 2027 — account created
 * disabled 14 days before"), made in this one place for the console, the API's run-item view, the
 * CLI and CSV exports. The engine records each step's reason as a code and parameters
 * (core/step-reasons.ts); the words are made only here, when a step is shown. Steps stored before
 * reasons existed carry only the engine's text: `legacyReason` reads the shapes it used back into
 * reasons, so old runs read the same; any other text is shown as the sentence it is. The engine's
 * own text (`stepDetail`) stays available behind the words.
 */
import type { ScopeOperator } from '../core/config/schema.ts';
import type { StepName } from '../core/plan.ts';
import type { MatchTry, PersonReason, StepReason, ValueProblem } from '../core/step-reasons.ts';
import type { AttrValue } from '../core/values.ts';
import type { Lifecycle, TenantType } from '../core/vocabulary.ts';
import { plural } from '../core/words.ts';
import { attributeLabel, attributeText } from './attribute-labels.ts';
import { formatInstant, formatLocalDate } from './date-time.ts';
import { refusalWords } from './target-refusals.ts';
import { formatEndOfDay } from './wall-clock.ts';

/** The item steps' names in words (the console's detail panel, the CLI). */
export const ITEM_STEP_WORDS: Readonly<Record<StepName, string>> = {
  read: 'Read from AFAS',
  scope: 'In or out of scope',
  match: 'Finding the account',
  plan: 'Planned change',
  guard: 'Safety check',
  apply: 'Making the change',
};

/** What the words may name, when the caller knows it: accounts by UPN and name, persons by name. */
export interface ReasonContext {
  /** The connection's time zone (step 4), for instants such as "linked since". */
  readonly timeZone: string;
  readonly tenantType?: TenantType | null;
  /** "anna.jansen@contoso.nl (Anna Jansen)" for an account id. */
  readonly account?: (accountId: string) => string | undefined;
  /** A person's name by employee number. */
  readonly person?: (employeeNumber: string) => string | undefined;
}

export interface StepLike {
  readonly step: string;
  readonly status: string;
  readonly message: string;
  readonly reason?: StepReason | undefined;
}

export interface ItemLike {
  readonly status: string;
  readonly changes: readonly {
    readonly attribute: string;
    readonly old: AttrValue;
    readonly new: AttrValue;
  }[];
  readonly steps: readonly StepLike[];
}

const sentence = (text: string): string => (text === '' ? text : text[0]?.toUpperCase() + text.slice(1));
const date = (d: string | null): string => (d === null ? 'an unknown date' : formatLocalDate(d));

/** "department", "employee ID", "UPN"-like labels keep their capitals. */
function attributeWords(attribute: string, ctx: ReasonContext): string {
  const label = attributeLabel(ctx.tenantType ?? null, attribute) ?? attribute;
  return /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;
}

function account(id: string, ctx: ReasonContext): string {
  return ctx.account?.(id) ?? `account ${id}`;
}

function person(employeeNumber: string | null, ctx: ReasonContext): string {
  if (employeeNumber === null) return 'no manager';
  const name = ctx.person?.(employeeNumber);
  return name ? `${name} (${employeeNumber})` : `employee ${employeeNumber}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A changed value as text: dates and instants (hire and leave dates) in the product's format. A leave
 * date at midnight is the end of the day before, as "Left on 18 Sept 2026" says: "end of 18 Sept 2026",
 * not "19 Sept 2026, 00:00" (the instant, as written, is in the detail panel).
 */
function value(v: AttrValue, attribute: string, ctx: ReasonContext): string {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return '(empty)';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string' && INSTANT.test(v))
    return formatEndOfDay(v, ctx.timeZone, attribute) ?? formatInstant(v, ctx.timeZone);
  return typeof v === 'string' ? formatLocalDate(v) : String(v);
}

const NOT_ATTRIBUTES = new Set(['accountEnabled', 'manager', 'group', 'licence']);

/** "department Sales → Marketing, job title Advisor → Senior advisor and 2 more". */
function changeList(item: ItemLike | undefined, ctx: ReasonContext): string {
  const changes = (item?.changes ?? []).filter((c) => !NOT_ATTRIBUTES.has(c.attribute));
  if (changes.length === 0) return '';
  const shown = changes
    .slice(0, 3)
    .map(
      (c) =>
        `${attributeWords(c.attribute, ctx)} ${value(c.old, c.attribute, ctx)} → ${value(c.new, c.attribute, ctx)}`,
    );
  const rest = changes.length - shown.length;
  return `: ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** "Last name · surname": the admin center's label with the technical name beside it. */
const named = (attribute: string, ctx: ReasonContext): string =>
  attributeText(ctx.tenantType ?? null, attribute);

/** A value the admin can recognise, cut where it is long ("Jansen-van der Berg-…"). */
function quoted(v: AttrValue, ctx: ReasonContext): string {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return '(empty)';
  if (Array.isArray(v)) return v.map((x) => quoted(x, ctx)).join(', ');
  const text = typeof v === 'string' ? v : String(v);
  return `“${text.length > 40 ? `${text.slice(0, 37)}…` : text}”`;
}

/**
 * The target as the console names it everywhere: a cloud tenant's is "Microsoft 365", as its refusals
 * after a sync say (target-refusals.ts); the engine records the Graph target's own name, "Microsoft
 * Entra ID", so a simulation said "Microsoft Entra ID would refuse …" for what a sync then called
 * "Microsoft 365 refused …". A hybrid tenant's Active Directory keeps its name.
 */
const TARGET_WORDS: Readonly<Record<string, string>> = { 'Microsoft Entra ID': 'Microsoft 365' };
const targetWords = (target: string): string => TARGET_WORDS[target] ?? target;

/** One value the target would refuse, in words. */
function problemWords(p: ValueProblem, target: string, ctx: ReasonContext): string {
  const a = named(p.attribute, ctx);
  switch (p.problem) {
    case 'too-long':
      return `${a} ${quoted(p.value, ctx)} has ${p.length} characters, at most ${p.max} are allowed`;
    case 'too-many':
      return `${a} has ${p.count} values, at most ${p.max} ${p.max === 1 ? 'is' : 'are'} allowed`;
    case 'format':
      return `${a} ${quoted(p.value, ctx)} ${p.rule}`;
    case 'cannot-clear':
      return `${a} would be emptied, which ${target} does not allow`;
    case 'required':
      return `${a} is empty, and ${target} needs it for a new account`;
  }
}

/** "change Job title · jobTitle “Adviseur” → “Senior adviseur” and disable it". */
function ownedWords(r: Extract<StepReason, { code: 'owned-elsewhere' }>, ctx: ReasonContext): string {
  const parts = r.changes.map((c) =>
    c.attribute === 'manager'
      ? `set the manager to ${typeof c.new === 'string' ? person(c.new, ctx) : 'no one'}`
      : `change ${named(c.attribute, ctx)} ${quoted(c.old, ctx)} → ${quoted(c.new, ctx)}`,
  );
  if (r.lifecycle !== null) parts.push(`${r.lifecycle} the account`);
  const last = parts.pop() ?? '';
  const todo = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return `This account is managed by ${r.owner}: ${todo} there, or exclude the person with an override`;
}

/** The person as AFAS has them, from the item's read step (for lifecycle writes that name a date). */
function personOf(item: ItemLike | undefined): PersonReason | undefined {
  for (const s of item?.steps ?? []) {
    const r = s.reason ?? (s.step === 'read' ? legacyReason(s.step, s.message) : null);
    if (r?.code === 'person') return r;
  }
  return undefined;
}

const LIFECYCLE_WORDS: Readonly<Record<Lifecycle, string>> = {
  'pre-hire': 'they start within the lead days',
  active: 'they are employed',
  leaver: 'they left, within the grace days',
  gone: 'they have left',
  future: 'they start later',
  'no-employment': 'they have no employment',
};

/** "Employed since 3 Jan 2019", "Starts on 1 Mar 2027", "Left on 31 Oct 2026". */
function employedWords(p: PersonReason): string {
  switch (p.lifecycle) {
    case 'active':
      return `Employed since ${date(p.hire ?? p.start)}${p.end ? `, until ${date(p.end)}` : ''}`;
    case 'pre-hire':
    case 'future':
      return `Starts on ${date(p.start)}`;
    case 'leaver':
    case 'gone':
      return `Left on ${date(p.end)}`;
    case 'no-employment':
      return 'No employment in AFAS';
  }
}

function personWords(p: PersonReason): string {
  if (p.lifecycle === 'no-employment') return employedWords(p);
  const primary = [p.unit, p.primary].filter((x) => x !== null).join(', ');
  const detail =
    p.employments === 1
      ? `1 employment${primary ? `: ${primary}` : ''}`
      : `${plural(p.employments, 'employment')}${primary ? `, primary: ${primary}` : ''}`;
  return `${employedWords(p)} (${detail})`;
}

function triedWords(tried: readonly MatchTry[], ctx: ReasonContext): string {
  if (tried.length === 0) return 'no matching attribute has a value';
  return `looked for ${tried
    .map(
      (t) =>
        `${attributeWords(t.attribute, ctx)} ${t.value === null ? '(empty)' : t.value}` +
        (t.leftOut > 0 ? ` — ${plural(t.leftOut, 'account')} left out by an override` : ''),
    )
    .join(', ')}`;
}

function lifecycleChange(
  kind: 'enable' | 'disable',
  lifecycle: Lifecycle,
  count: number,
  item: ItemLike | undefined,
  ctx: ReasonContext,
): string {
  const p = personOf(item);
  const what = kind === 'enable' ? 'account enabled' : 'account disabled';
  const updates = count > 0 ? `; updates ${plural(count, 'attribute')}${changeList(item, ctx)}` : '';
  const expected =
    kind === 'enable' ? lifecycle === 'active' || lifecycle === 'leaver' : lifecycle !== 'active';
  if (p && expected)
    return `${employedWords(p)}${lifecycle === 'leaver' && kind === 'enable' ? ', within the grace days' : ''} — ${what}${updates}`;
  return `${sentence(what)}: the Account enabled mapping says so (${LIFECYCLE_WORDS[lifecycle]})${updates}`;
}

/** Every reason code in words. A `Record` over the codes: a new code does not compile without words. */
type Render<C extends StepReason['code']> = (
  r: Extract<StepReason, { code: C }>,
  item: ItemLike | undefined,
  ctx: ReasonContext,
) => string;
const WORDS: { readonly [C in StepReason['code']]: Render<C> } = {
  person: (r) => personWords(r),
  'missing-from-source': () => 'No longer in AFAS: not in this read',
  linked: (r, _i, ctx) =>
    r.override
      ? `Linked to ${account(r.account, ctx)} by an override`
      : `Linked to ${account(r.account, ctx)}${r.since ? ` since ${formatInstant(r.since, ctx.timeZone)}` : ''}`,
  matched: (r, _i, ctx) =>
    (r.attribute === null
      ? `Linked to ${account(r.account, ctx)} by an override`
      : `Found ${account(r.account, ctx)} by ${attributeWords(r.attribute, ctx)} ${r.value ?? '(empty)'}`) +
    (r.unlinked ? ` (the link to ${account(r.unlinked, ctx)} was removed by an override)` : ''),
  'no-account': (r, _i, ctx) =>
    (r.staleLink === null
      ? ''
      : r.unlinkedByOverride
        ? `The link to ${account(r.staleLink, ctx)} was removed by an override. `
        : `The linked account (${r.staleLink}) is no longer in the tenant. `) +
    `No existing account found (${triedWords(r.tried, ctx)})`,
  conflict: (r, _i, ctx) =>
    `${plural(r.accounts.length, 'account')} have ${attributeWords(r.attribute, ctx)} ${r.value}: ` +
    `${r.accounts.map((a) => account(a, ctx)).join('; ')} — link the person to one of them, or exclude them`,
  'conflict-linked-elsewhere': (r, _i, ctx) =>
    `The account ${ctx.account?.(r.account) ?? r.account} has ${attributeWords(r.attribute, ctx)} ${r.value}, ` +
    (r.tie
      ? `which ${person(r.owner, ctx)} of this run matches too, on the same matching attribute: a tie, so neither is linked — link one of them with an override`
      : r.ownerAttribute !== undefined
        ? `but ${person(r.owner, ctx)} of this run matches it on ${attributeWords(r.ownerAttribute, ctx)}, earlier in the matching order`
        : `but it is ${r.inRun ? 'matched first, in this run, by' : 'linked to'} ${person(r.owner, ctx)}`),
  'override-account-gone': (r) =>
    `An override links this person to an account that is no longer in the tenant (${r.account}); remove the override or link another account`,
  excluded: (r) => `Excluded by an override (${r.by}${r.note ? `: ${r.note}` : ''}) — nothing is sent`,
  'up-to-date': () => 'No change: the account is up to date',
  update: (r, item, ctx) => `Updates ${plural(r.count, 'attribute')}${changeList(item, ctx)}`,
  enable: (r, item, ctx) => lifecycleChange('enable', r.lifecycle, r.count, item, ctx),
  disable: (r, item, ctx) => lifecycleChange('disable', r.lifecycle, r.count, item, ctx),
  create: (r, item) => {
    const upn = r.upn ? ` ${r.upn}` : '';
    if (r.enabled) return `New account${upn}, created enabled`;
    const start = r.start ?? personOf(item)?.start ?? null;
    const before = r.leadDays > 0 ? `${plural(r.leadDays, 'day')} before` : 'before the start';
    return start === null
      ? `New account${upn}, created disabled until the start date`
      : `Starts on ${date(start)} — account${upn} created disabled ${before}`;
  },
  'no-account-needed': (r, item) => {
    const p = personOf(item);
    switch (r.lifecycle) {
      case 'future':
      case 'pre-hire':
        return `Starts on ${date(r.start ?? p?.start ?? null)} — no account yet; it is created ${r.leadDays > 0 ? `${plural(r.leadDays, 'day')} before` : 'shortly before the start'}`;
      case 'leaver':
      case 'gone':
        return `Left on ${date(r.end ?? p?.end ?? null)} — no account, none is made`;
      default:
        return `No account needed: ${LIFECYCLE_WORDS[r.lifecycle]}`;
    }
  },
  'delete-due': (r) =>
    `Left on ${date(r.end)} — account deleted, more than ${plural(r.days, 'day')} after leaving`,
  'out-of-scope-left': (r) =>
    r.account ? 'Out of scope — the account is left as it is' : 'Out of scope — no account is made',
  'out-of-scope-write': (r) =>
    `Out of scope — account ${r.policy === 'disable' ? 'disabled' : 'deleted'} (this connection ${r.policy}s accounts of persons who leave scope)`,
  'missing-disable': () =>
    'No longer in AFAS — account disabled (this connection disables accounts of persons missing from AFAS)',
  'missing-left': () => 'No longer in AFAS — the account is left as it is',
  manager: (r, _i, ctx) =>
    r.old === null
      ? `Manager set to ${person(r.new, ctx)}`
      : r.new === null
        ? `Manager ${person(r.old, ctx)} removed`
        : `Manager changes from ${person(r.old, ctx)} to ${person(r.new, ctx)}`,
  'manager-unresolved': (r, _i, ctx) => {
    const who = r.name === null ? person(r.manager, ctx) : `${r.name} (${r.manager})`;
    const why =
      r.why === 'no-account'
        ? 'has no account yet'
        : r.why === 'not-linked'
          ? 'is not linked to an account yet (a sync of everyone links them)'
          : 'is not in AFAS';
    return `No manager is set: their manager, ${who}, ${why}`;
  },
  'name-taken': (r) =>
    `The user name "${r.first}" is taken${r.why ? ` (${r.why})` : ''}, so "${r.chosen}" is used (candidate ${r.candidate})`,
  refused: (r, _i, ctx) =>
    `${targetWords(r.target)} would refuse ${r.create ? 'the new account' : 'the change'}: ${r.problems
      .map((p) => problemWords(p, targetWords(r.target), ctx))
      .join('; ')}. Correct the value in AFAS, or the mapping in step 3`,
  'outside-read': (r, _i, ctx) =>
    `${r.create ? 'Not created' : 'Not moved'}: ${quoted(r.container, ctx)} is outside the base DN ${quoted(r.base, ctx)}, where hrsync reads accounts, so the account would not be found on the next run${r.create ? ' and would be created again' : ''}. Correct ${named(r.attribute, ctx)} in the mapping (step 3), or widen the base DN of the tenant’s directory settings`,
  'container-unusable': (r, _i, ctx) =>
    `${r.create ? 'Not created' : 'Not moved'}: ${
      r.problem === 'missing'
        ? `the container ${quoted(r.container, ctx)} does not exist in the directory (or hrsync’s bind account cannot see it), so a sync could not ${r.create ? 'create' : 'move'} the account there. Create it, or`
        : `hrsync’s bind account may not create accounts in ${quoted(r.container, ctx)}, so a sync could not ${r.create ? 'create' : 'move'} the account there. Delegate “Create, delete, and manage user accounts” on it to the bind account, or`
    } correct ${named(r.attribute, ctx)} in the mapping (step 3)`,
  shortened: (r, _i, ctx) =>
    Array.isArray(r.old)
      ? `${named(r.attribute, ctx)} holds at most ${plural(r.max, 'value')} in ${targetWords(r.target)}: kept ${quoted(r.new, ctx)}, left out ${quoted(r.old.slice(r.max), ctx)}`
      : `${named(r.attribute, ctx)} shortened to ${r.max} characters, the most ${targetWords(r.target)} allows: ${quoted(r.old, ctx)} → ${quoted(r.new, ctx)}`,
  'owned-elsewhere': (r, _i, ctx) => ownedWords(r, ctx),
  quarantined: (r, _i, ctx) =>
    `Quarantined since ${formatInstant(r.since, ctx.timeZone)}. ${refusalWords(r.because, ctx.tenantType ?? null)}. Nothing is sent again until their AFAS data, the configuration or an operator changes something`,
  released: (r, _i, ctx) =>
    `Sent again because ${r.byOperator ? 'an operator asked to run them again' : 'their AFAS data or the configuration changed'}. They had been quarantined since ${formatInstant(r.since, ctx.timeZone)}. ${refusalWords(r.because, ctx.tenantType ?? null)}`,
  created: (r, _i, ctx) => `Account created: ${account(r.account, ctx)}`,
  applied: (r) =>
    r.write === 'update'
      ? 'Attributes updated'
      : r.write === 'enable'
        ? 'Account enabled'
        : r.write === 'disable'
          ? 'Account disabled'
          : 'Account deleted',
  'manager-set': () => 'Manager set',
  'written-back': () => 'E-mail address / UPN written back to AFAS',
};

export function reasonWords(reason: StepReason, item: ItemLike | undefined, ctx: ReasonContext): string {
  return (WORDS[reason.code] as Render<StepReason['code']>)(reason, item, ctx);
}

/** A step in plain words: from its reason; a stored step without one, from the text it has. */
export function stepWords(step: StepLike, item: ItemLike | undefined, ctx: ReasonContext): string {
  const reason = step.reason ?? legacyReason(step.step, step.message);
  if (reason) return reasonWords(reason, item, ctx);
  if (step.step === 'scope') return scopeWords(step.message);
  // What the target answered to a write: its refusal in words (Graph's answer stays the detail).
  if (step.step === 'apply' && step.status === 'failed')
    return refusalWords(step.message, ctx.tenantType ?? null);
  if (step.step === 'guard' && step.message.startsWith('run blocked: '))
    return `Run blocked: ${step.message.slice('run blocked: '.length)}`;
  return sentence(step.message);
}

/**
 * An item's error message alone in words, where only the message is at hand (a person's side of a
 * preview or comparison): a planned refusal or quarantine by its reason, a target's refusal by
 * target-refusals.ts.
 */
export function errorWords(message: string, ctx: ReasonContext): string {
  const reason = legacyReason('plan', message);
  return reason ? reasonWords(reason, undefined, ctx) : refusalWords(message, ctx.tenantType ?? null);
}

/** The engine's own text behind the words: the stored message, or the reason's code and values. */
export function stepDetail(step: StepLike): string {
  if (step.message !== '' || !step.reason) return step.message;
  const { code, ...params } = step.reason;
  const shown = Object.entries(params)
    .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [code, ...shown].join(' ');
}

/** The words, the detail and the one-line why of run items, for exports (engine/export.ts). */
export function stepText(ctx: ReasonContext): {
  words: (step: StepLike, item: ItemLike) => string;
  detail: (step: StepLike) => string;
  reason: (item: ItemLike) => string;
} {
  return {
    words: (step, item) => stepWords(step, item, ctx),
    detail: stepDetail,
    reason: (item) => itemReasonWords(item, ctx),
  };
}

/** Plan steps that tell how, not what: the why of a person is another plan step when there is one. */
const AUXILIARY: ReadonlySet<StepReason['code']> = new Set(['up-to-date', 'name-taken', 'released']);

/**
 * The one line that says why for a person (the run page's "Why" column): a failed or blocked step
 * when there is one, else the first planned change, else the last step.
 */
export function itemReasonWords(item: ItemLike, ctx: ReasonContext): string {
  const problem =
    item.status === 'failed' || item.status === 'blocked'
      ? item.steps.find((s) => s.status === 'failed' || s.status === 'blocked')
      : undefined;
  const plans = item.steps.filter((s) => s.step === 'plan');
  const decision = plans.find((s) => {
    const code = (s.reason ?? legacyReason(s.step, s.message))?.code;
    return code === undefined || !AUXILIARY.has(code);
  });
  const chosen = problem ?? decision ?? plans[0] ?? item.steps[item.steps.length - 1];
  return chosen ? stepWords(chosen, item, ctx) : '';
}

const OPERATOR_WORDS: Readonly<Record<ScopeOperator, string>> = {
  EQUALS: 'equals',
  NOT_EQUALS: 'is not',
  IS_NULL: 'is empty',
  IS_NOT_NULL: 'is not empty',
  IS_TRUE: 'is true',
  IS_FALSE: 'is false',
  REGEX_MATCH: 'matches the pattern',
  NOT_REGEX_MATCH: 'does not match the pattern',
  INCLUDES: 'is one of',
  STARTS_WITH: 'starts with',
  ENDS_WITH: 'ends with',
  GREATER_THAN: 'is more than',
  GREATER_THAN_OR_EQUALS: 'is at least',
  LESS_THAN: 'is less than',
};

/** `filter 1: Department EQUALS "Sales"` → `filter 1 (Department equals "Sales")`. */
function clauseWords(label: string): string {
  const m = /^filter (\d+): (\S+) ([A-Z_]+)(?: (".*"))?$/.exec(label);
  if (!m || !Object.hasOwn(OPERATOR_WORDS, m[3] as string)) return label;
  return `filter ${m[1]} (${m[2]} ${OPERATOR_WORDS[m[3] as ScopeOperator]}${m[4] ? ` ${m[4]}` : ''})`;
}

/** The scope stage's decision (engine/scope) in words. */
function scopeWords(message: string): string {
  if (message === 'no scoping filters: everyone is in scope')
    return 'In scope: there are no scoping filters, so everyone is managed';
  if (message.startsWith('matches '))
    return `In scope: matches ${message
      .slice('matches '.length)
      .split(/ AND (?=filter \d+: )/)
      .map(clauseWords)
      .join(' and ')}`;
  const failures = message.split(/; (?=filter \d+: )/).map((f) => {
    const m = /^(filter \d+: .*) is false \(value (.*)\)$/.exec(f);
    if (!m) return f;
    const actual = m[2] === 'null' ? 'it is empty' : `it is ${m[2]}`;
    return `${clauseWords(m[1] as string)} does not hold: ${actual}`;
  });
  return failures.every((f) => f.startsWith('filter '))
    ? `Out of scope: ${failures.join('; ')}`
    : sentence(message);
}

const none = (v: string): string | null => (v === '(none)' ? null : v);
const orNull = (v: string | undefined, empty: string): string | null =>
  v === undefined || v === empty ? null : v;

type Legacy = readonly [StepName, RegExp, (m: readonly string[]) => StepReason | null];

/** The engine's text before reasons were stored (up to 3 Dec 2026), by step: the pattern and its reason. */
const LEGACY: readonly Legacy[] = [
  ['read', /^not in the AFAS read any more$/, () => ({ code: 'missing-from-source' })],
  [
    'read',
    /^lifecycle (\S+); (\d+) employment\(s\)(?:; primary (.+) \((\S+) – (\S+)\))?$/,
    (m) =>
      isLifecycle(m[1])
        ? {
            code: 'person',
            lifecycle: m[1],
            employments: Number(m[2]),
            primary: m[3] ?? null,
            start: orNull(m[4], '…'),
            end: orNull(m[5], 'open-ended'),
            unit: null,
            hire: null,
          }
        : null,
  ],
  [
    'match',
    /^linked to account (\S+) since (\S+)$/,
    (m) => ({ code: 'linked', account: m[1] as string, since: m[2] as string, override: false }),
  ],
  [
    'match',
    /^linked to account (\S+) by an override$/,
    (m) => ({ code: 'linked', account: m[1] as string, since: null, override: true }),
  ],
  [
    'match',
    /^matched account (\S+) by an override$/,
    (m) => ({ code: 'matched', account: m[1] as string, attribute: null, value: null, unlinked: null }),
  ],
  [
    'match',
    /^matched account (\S+) on (\S+) = "(.*)"$/,
    (m) => ({
      code: 'matched',
      account: m[1] as string,
      attribute: m[2] as string,
      value: m[3] as string,
      unlinked: null,
    }),
  ],
  [
    'match',
    /^\d+ accounts have (\S+) = "(.*)": (.+)$/,
    (m) => ({
      code: 'conflict',
      attribute: m[1] as string,
      value: m[2] as string,
      accounts: (m[3] as string).split(', '),
    }),
  ],
  ['plan', /^account is up to date$/, () => ({ code: 'up-to-date' })],
  ['plan', /^update (\d+) attribute\(s\)$/, (m) => ({ code: 'update', count: Number(m[1]) })],
  [
    'plan',
    /^(enable|disable): lifecycle (\S+)(?: and (\d+) attribute change\(s\))?$/,
    (m) =>
      isLifecycle(m[2])
        ? { code: m[1] === 'enable' ? 'enable' : 'disable', lifecycle: m[2], count: Number(m[3] ?? 0) }
        : null,
  ],
  [
    'plan',
    /^create (enabled|disabled \(pre-hire\)) account ?(.*)$/,
    (m) => ({ code: 'create', enabled: m[1] === 'enabled', upn: m[2] || null, start: null, leadDays: 0 }),
  ],
  [
    'plan',
    /^no account needed: lifecycle (\S+)$/,
    (m) =>
      isLifecycle(m[1])
        ? { code: 'no-account-needed', lifecycle: m[1], start: null, end: null, leadDays: 0 }
        : null,
  ],
  [
    'plan',
    /^delete: ended (\S+), more than (\d+) days ago$/,
    (m) => ({ code: 'delete-due', end: m[1] as string, days: Number(m[2]) }),
  ],
  ['plan', /^out of scope; account left as it is$/, () => ({ code: 'out-of-scope-left', account: true })],
  ['plan', /^out of scope; no (linked )?account$/, () => ({ code: 'out-of-scope-left', account: false })],
  [
    'plan',
    /^out of scope: (disable|delete) the account/,
    (m) => ({ code: 'out-of-scope-write', policy: m[1] === 'delete' ? 'delete' : 'disable' }),
  ],
  ['plan', /^disable: the person is missing from AFAS/, () => ({ code: 'missing-disable' })],
  ['plan', /^missing from AFAS; account left as it is$/, () => ({ code: 'missing-left' })],
  [
    'plan',
    /^manager (\S+) → (\S+)$/,
    (m) => ({ code: 'manager', old: none(m[1] as string), new: none(m[2] as string) }),
  ],
  [
    'plan',
    /^manager (\S+)(?: \((.+)\))? (has no account|is not linked to an account yet \(a full sync links them\)|is not in the AFAS read), so no manager is set$/,
    (m) => ({
      code: 'manager-unresolved',
      manager: m[1] as string,
      name: m[2] ?? null,
      why:
        m[3] === 'has no account'
          ? 'no-account'
          : m[3] === 'is not in the AFAS read'
            ? 'not-in-read'
            : 'not-linked',
    }),
  ],
  [
    'plan',
    /^"(.+)" was taken(?: \((.+)\))?; chose "(.+)" \(candidate (\d+)\)$/,
    (m) => ({
      code: 'name-taken',
      first: m[1] as string,
      why: m[2] ?? null,
      chosen: m[3] as string,
      candidate: Number(m[4]),
    }),
  ],
  [
    'plan',
    /^(.+?) would refuse( the new account)?: (.+)$/,
    (m) => {
      const problems = legacyProblems(m[3] as string);
      return problems
        ? { code: 'refused', target: m[1] as string, create: m[2] !== undefined, problems }
        : null;
    },
  ],
  [
    'plan',
    /^(\S+) is \d+ characters; (.+?) allows at most (\d+): shortened "(.*)" → "(.*)"$/,
    (m) => ({
      code: 'shortened',
      target: m[2] as string,
      attribute: m[1] as string,
      max: Number(m[3]),
      old: m[4] as string,
      new: m[5] as string,
    }),
  ],
  [
    'plan',
    /^(\S+) has \d+ values; (.+?) allows at most (\d+): kept (.*), left out (.*)$/,
    (m) => ({
      code: 'shortened',
      target: m[2] as string,
      attribute: m[1] as string,
      max: Number(m[3]),
      old: [...quotedList(m[4] as string), ...quotedList(m[5] as string)],
      new: quotedList(m[4] as string),
    }),
  ],
  [
    'plan',
    /^This account is managed by (.+?); (.+) there \(or exclude the person with an override\)$/,
    (m) => legacyOwned(m[1] as string, m[2] as string),
  ],
  [
    'plan',
    // Since 4 Dec 2026 the instant as it is; before, "2026-12-03 11:00 UTC".
    /^quarantined since (\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?Z| UTC)), because ([\s\S]+?)(?:\. Nothing is sent until their AFAS data, the configuration or an operator changes something\.)?$/,
    (m) => ({
      code: 'quarantined',
      since: (m[1] as string).endsWith(' UTC')
        ? `${(m[1] as string).slice(0, 16).replace(' ', 'T')}:00Z`
        : (m[1] as string),
      because: m[2] as string,
    }),
  ],
  ['apply', /^created account (\S+)$/, (m) => ({ code: 'created', account: m[1] as string })],
  [
    'apply',
    /^(update|enable|disable|delete) applied$/,
    (m) => ({ code: 'applied', write: m[1] as 'update' | 'enable' | 'disable' | 'delete' }),
  ],
  ['apply', /^manager set$/, () => ({ code: 'manager-set' })],
  ['apply', /^written back to AFAS$/, () => ({ code: 'written-back' })],
];

const quotedList = (text: string): string[] => [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);

/** One problem of the old "… would refuse: …" text, at the start of `text`, and its length. */
const LEGACY_PROBLEMS: readonly [RegExp, (m: RegExpExecArray) => ValueProblem][] = [
  [
    /^(\S+) is (\d+) characters; .+? allows at most (\d+) \("(.*?)"\)/,
    (m) => ({
      attribute: m[1] as string,
      problem: 'too-long',
      length: Number(m[2]),
      max: Number(m[3]),
      value: m[4] as string,
    }),
  ],
  [
    /^(\S+) has (\d+) values; .+? allows at most (\d+)/,
    (m) => ({ attribute: m[1] as string, problem: 'too-many', count: Number(m[2]), max: Number(m[3]) }),
  ],
  [
    /^(\S+) would be cleared; .+? does not allow clearing it/,
    (m) => ({ attribute: m[1] as string, problem: 'cannot-clear' }),
  ],
  [
    /^(\S+) is empty; .+? needs it to create an account/,
    (m) => ({ attribute: m[1] as string, problem: 'required' }),
  ],
  [
    /^(\S+) "(.*?)" (.+?)(?=; \S+ (?:is \d|has \d|would be|is empty|")|$)/,
    (m) => ({ attribute: m[1] as string, problem: 'format', value: m[2] as string, rule: m[3] as string }),
  ],
];

/** The problems of an old refusal ("surname is 68 characters; … (…); usageLocation "NL1" must …"). */
function legacyProblems(text: string): ValueProblem[] | null {
  const out: ValueProblem[] = [];
  let rest = text;
  while (rest !== '') {
    let found: RegExpExecArray | null = null;
    for (const [pattern, problem] of LEGACY_PROBLEMS) {
      found = pattern.exec(rest);
      if (found) {
        out.push(problem(found));
        break;
      }
    }
    if (!found) return null;
    rest = rest.slice(found[0].length).replace(/^; /, '');
  }
  return out.length > 0 ? out : null;
}

/** The old "change jobTitle "A" → "B", manager (empty) → "1" and disable it" of an owned account. */
function legacyOwned(owner: string, todo: string): StepReason | null {
  const life = /(?:^| and )(enable|disable|delete) it$/.exec(todo);
  const changes = [
    ...(todo.startsWith('change ')
      ? todo.slice(0, life?.index ?? todo.length).slice('change '.length)
      : ''
    ).matchAll(
      /(\S+) ((?:"[^"]*"(?:, "[^"]*")*)|\(empty\)) → ((?:"[^"]*"(?:, "[^"]*")*)|\(empty\))(?:, |$)/g,
    ),
  ].map((m) => ({
    attribute: m[1] as string,
    old: legacyValue(m[2] as string),
    new: legacyValue(m[3] as string),
  }));
  if (changes.length === 0 && !life) return null;
  return {
    code: 'owned-elsewhere',
    owner,
    changes,
    lifecycle: (life?.[1] as 'enable' | 'disable' | 'delete' | undefined) ?? null,
  };
}

function legacyValue(text: string): AttrValue {
  if (text === '(empty)') return null;
  const values = quotedList(text);
  return values.length === 1 ? (values[0] as string) : values;
}

/** The engine's text before reasons were stored, read back into a reason (old runs stay readable). */
export function legacyReason(step: string, message: string): StepReason | null {
  for (const [name, pattern, reason] of LEGACY) {
    if (name !== step) continue;
    const m = pattern.exec(message);
    if (m) return reason(m);
  }
  return null;
}

const LIFECYCLES: readonly string[] = Object.keys(LIFECYCLE_WORDS);
const isLifecycle = (v: string | undefined): v is Lifecycle => v !== undefined && LIFECYCLES.includes(v);
