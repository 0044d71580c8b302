/**
 * What the service accepts from an agent for an operation it asked: the shape of a page of accounts
 * and of each kind's result, with an apply's outcomes one per write. An agent is a machine in a
 * customer's network, so its answers are input like any other: the engine only ever sees one of
 * these, never whatever a buggy or compromised agent sent.
 */
import type { PlannedWrite } from '../../core/index.ts';
import { MAX_READ_PAGES, type OperationKind, READ_PAGE_SIZE } from './operations.ts';

export interface AnswerProblem {
  readonly path: string;
  readonly message: string;
}

type Check = (value: unknown, path: string, problems: AnswerProblem[]) => void;

const MAX_TEXT = 100_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text =
  (options: { nonEmpty?: boolean; nullable?: boolean } = {}): Check =>
  (v, path, problems) => {
    if (v === null && options.nullable) return;
    if (typeof v !== 'string' || v.length > MAX_TEXT || (options.nonEmpty && v === '')) {
      problems.push({
        path,
        message: `must be ${options.nonEmpty ? 'a non-empty' : 'a'} text of at most ${MAX_TEXT} characters${options.nullable ? ', or null' : ''}`,
      });
    }
  };

const bool: Check = (v, path, problems) => {
  if (typeof v !== 'boolean') problems.push({ path, message: 'must be true or false' });
};

const list =
  (item: Check, max = Number.POSITIVE_INFINITY): Check =>
  (v, path, problems) => {
    if (!Array.isArray(v) || v.length > max) {
      problems.push({ path, message: `must be a list${Number.isFinite(max) ? ` of at most ${max}` : ''}` });
      return;
    }
    for (const [i, x] of v.entries()) item(x, `${path}/${i}`, problems);
  };

const record =
  (value: Check): Check =>
  (v, path, problems) => {
    if (!isObject(v)) {
      problems.push({ path, message: 'must be an object' });
      return;
    }
    for (const [k, x] of Object.entries(v)) value(x, `${path}/${k}`, problems);
  };

/** An object with these fields (those marked optional may be left out) and no other. */
const object =
  (required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check =>
  (v, path, problems) => {
    if (!isObject(v)) {
      problems.push({ path, message: 'must be an object' });
      return;
    }
    for (const [k, check] of Object.entries(required)) {
      if (!(k in v)) problems.push({ path: `${path}/${k}`, message: 'is missing' });
      else check(v[k], `${path}/${k}`, problems);
    }
    for (const [k, x] of Object.entries(v)) {
      const check = optional[k];
      if (check) check(x, `${path}/${k}`, problems);
      else if (!(k in required))
        problems.push({ path: `${path}/${k}`, message: 'is not a field of this answer' });
    }
  };

/** An attribute value as targets read it: text, number, true/false, null or a list of texts. */
const attrValue: Check = (v, path, problems) => {
  if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return;
  if (typeof v === 'string') return text()(v, path, problems);
  if (Array.isArray(v)) return list(text())(v, path, problems);
  problems.push({ path, message: 'must be a text, a number, true/false, null or a list of texts' });
};

const account = object({ id: text({ nonEmpty: true }), attributes: record(attrValue) });

const error = object(
  { code: text({ nonEmpty: true }), message: text(), retryable: bool },
  { ambiguous: bool },
);

const READ = object(
  {
    cursor: text({ nullable: true }),
    incremental: bool,
    removedIds: list(text({ nonEmpty: true })),
    pages: (v, path, problems) => {
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > MAX_READ_PAGES) {
        problems.push({ path, message: `must be a whole number from 0 to ${MAX_READ_PAGES}` });
      }
    },
  },
  {
    reserved: record(list(text())),
    reservedWithin: record(list(object({ within: text(), value: text(), holder: text() }))),
    implied: list(object({ attribute: text(), from: text(), suffix: text() })),
    readWithin: object(
      { attribute: text(), container: text() },
      { fallback: text(), containers: list(object({ container: text(), accountsAllowed: bool })) },
    ),
  },
);

const VALUES: Readonly<Record<OperationKind, (payload: unknown) => Check>> = {
  read: () => READ,
  find: () => object({ accounts: list(account) }),
  apply: (payload) => {
    const writes = ((payload as { writes?: unknown })?.writes ?? []) as readonly PlannedWrite[];
    const outcome = (v: unknown, path: string, problems: AnswerProblem[]) =>
      isObject(v) && v.ok === false
        ? object({
            ok: bool,
            code: text({ nonEmpty: true }),
            message: text(),
            retryable: bool,
            ambiguous: bool,
          })(v, path, problems)
        : object(
            { ok: bool, accountId: text({ nonEmpty: true, nullable: true }) },
            { applied: record(attrValue) },
          )(v, path, problems);
    return (v, path, problems) =>
      object({
        outcomes: (outcomes, at) => {
          if (!Array.isArray(outcomes) || outcomes.length !== writes.length) {
            problems.push({
              path: at,
              message: `must be a list of one outcome per write: ${writes.length} write(s) were sent`,
            });
            return;
          }
          for (const [i, o] of outcomes.entries()) outcome(o, `${at}/${i}`, problems);
        },
      })(v, path, problems);
  },
  test: () => object({ ok: bool, message: text() }, { details: record(() => {}) }),
};

/** Why `result` is not an answer to an operation of this kind and payload; empty when it is one. */
export function resultProblems(kind: OperationKind, payload: unknown, result: unknown): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const path = '/result';
  if (!isObject(result) || typeof result.ok !== 'boolean') {
    problems.push({
      path: isObject(result) ? `${path}/ok` : path,
      message: isObject(result) ? 'must be true or false' : 'must be an object with ok',
    });
    return problems;
  }
  if (result.ok) object({ ok: bool, value: VALUES[kind](payload) })(result, path, problems);
  else object({ ok: bool, error }, { interrupted: bool })(result, path, problems);
  return problems;
}

/** Why `data` is not a page of a read's accounts; empty when it is one. */
export function pageProblems(seq: number, data: unknown): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (seq >= MAX_READ_PAGES) {
    problems.push({
      path: '/seq',
      message: `must be below ${MAX_READ_PAGES}: a read has at most ${MAX_READ_PAGES} pages of ${READ_PAGE_SIZE} accounts`,
    });
  }
  list(account, READ_PAGE_SIZE)(data, '/data', problems);
  return problems;
}
