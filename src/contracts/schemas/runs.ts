import { Type as T } from '@sinclair/typebox';
import { ACTIONS, ITEM_STATUSES, RUN_KINDS, RUN_OUTCOMES, RUN_STATUSES } from '../../core/vocabulary.ts';
import { Id, Nullable, PageQuery, Timestamp } from './common.ts';
import { LicencePoolDto } from './entitlements.ts';

export const ActionSchema = T.Union(ACTIONS.map((a) => T.Literal(a)));
export const ItemStatusSchema = T.Union(ITEM_STATUSES.map((s) => T.Literal(s)));
export const RunKindSchema = T.Union(RUN_KINDS.map((k) => T.Literal(k)));
export const RunStatusSchema = T.Union(RUN_STATUSES.map((s) => T.Literal(s)));
export const RunOutcomeSchema = T.Union(RUN_OUTCOMES.map((s) => T.Literal(s)));

const counts = (keys: readonly string[]) => T.Object(Object.fromEntries(keys.map((k) => [k, T.Integer()])));
const Decision = T.Object({
  by: T.String(),
  byName: T.String({ description: 'who decided, as a person would name them (a user by their name)' }),
  reason: T.String(),
  at: Timestamp,
});

export const RunDto = T.Object({
  id: Id,
  connectionId: Id,
  kind: RunKindSchema,
  status: RunStatusSchema,
  /** How a finished run went (null while queued or running); see contracts/run-outcomes.ts. */
  outcome: Nullable(RunOutcomeSchema),
  employeeNumber: Nullable(T.String()),
  requestedBy: T.String({
    description: 'the raw actor: a user’s e-mail, `token ‹name› (‹e-mail›)`, `scheduler`',
  }),
  requestedByName: T.String({
    description:
      'who asked for the run, as a person would name them: “Jan Bakker”, “API token ‹name›”, “Scheduled run”',
  }),
  requestedAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  durationMs: Nullable(T.Integer()),
  counts: Nullable(
    T.Object({
      actions: counts(ACTIONS),
      statuses: counts(ITEM_STATUSES),
      licencePools: T.Optional(
        T.Array(LicencePoolDto, { description: 'licence pools the entitlement rules draw on' }),
      ),
    }),
  ),
  sourceCount: Nullable(T.Integer()),
  blockedReason: Nullable(T.String()),
  error: Nullable(
    T.Object({
      code: T.String(),
      message: T.String(),
      paths: Nullable(
        T.Array(T.String(), {
          description:
            'the configuration paths the error names (`/mapping/3/source`), each in one configuration step; null for a run recorded before hrsync kept them',
        }),
      ),
    }),
  ),
  approval: Nullable(Decision),
  discard: Nullable(Decision),
  cancelRequested: T.Boolean(),
  progress: Nullable(T.Object({ phase: T.String(), done: T.Integer(), total: Nullable(T.Integer()) })),
  attempt: T.Integer(),
  maxAttempts: T.Integer(),
  unchangedCount: T.Integer({
    description: 'persons with no change and nothing to report: counted, listed on demand',
  }),
  itemsPrunedAt: Nullable(
    T.String({ format: 'date-time', description: 'when retention removed the items (counts stay)' }),
  ),
});

export const AttrValue = T.Union([T.String(), T.Number(), T.Boolean(), T.Null(), T.Array(T.String())]);

export const RunItemDto = T.Object({
  employeeNumber: T.String(),
  displayName: T.String(),
  action: ActionSchema,
  status: ItemStatusSchema,
  accountId: Nullable(T.String()),
  changes: T.Array(T.Object({ attribute: T.String(), old: AttrValue, new: AttrValue })),
  reason: T.String({
    description: 'why, in plain words: the deciding step (a failure, else the planned change)',
  }),
  steps: T.Array(
    T.Object({
      step: T.String(),
      status: ItemStatusSchema,
      text: T.String({ description: 'the step in plain words' }),
      message: T.String({ description: "the engine's own detail behind the words" }),
      reason: T.Optional(
        T.Object(
          { code: T.String() },
          { additionalProperties: true, description: 'the reason as a code and its values' },
        ),
      ),
    }),
  ),
  error: Nullable(
    T.Object({
      code: T.String(),
      message: T.String(),
      accounts: T.Optional(
        T.Array(T.String(), { description: 'a conflict: the candidate accounts (see getMatchCandidates)' }),
      ),
    }),
  ),
  account: T.Optional(
    Nullable(
      T.Object(
        { upn: Nullable(T.String()), displayName: Nullable(T.String()) },
        { description: 'the account as the tenant names it (from the last read)' },
      ),
    ),
  ),
  managerNames: T.Optional(
    T.Record(T.String(), T.String(), { description: 'manager employee numbers in the changes, by name' }),
  ),
});

export const RunItemFilter = {
  action: T.Optional(ActionSchema),
  status: T.Optional(ItemStatusSchema),
  q: T.Optional(T.String({ maxLength: 200, description: 'part of the name or employee number' })),
  attribute: T.Optional(
    T.String({ maxLength: 100, description: 'only persons whose change includes this attribute' }),
  ),
  value: T.Optional(
    T.String({
      maxLength: 200,
      description: 'only persons with a change whose old or new value contains this',
    }),
  ),
  changesOnly: T.Optional(
    T.Boolean({ description: 'leave out the persons with no change and nothing to report' }),
  ),
  sort: T.Optional(
    T.Union([T.Literal('name'), T.Literal('action'), T.Literal('status')], {
      default: 'name',
      description: 'name; action (then name); status, problems first (then name)',
    }),
  ),
};
export const RunItemsQuery = T.Object({ ...RunItemFilter, ...PageQuery }, { additionalProperties: false });
export const RunItemsExportQuery = T.Object(RunItemFilter, { additionalProperties: false });

export const RunListQuery = T.Object({ ...PageQuery }, { additionalProperties: false });

export const DecisionBody = T.Object(
  {
    reason: T.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '\\S',
      description: 'why; recorded with your name',
    }),
  },
  { additionalProperties: false },
);

export const SyncPersonBody = T.Object(
  // Something besides spaces, and no , or ; anywhere (`\\S` there let one through): AFAS filters
  // cannot carry them (afas-url.ts). Leading spaces, then the first other character: one way to
  // match, so linear — Ajv tries the pattern even on a value over maxLength (allErrors), and
  // `^[^,;]*[^,;\\s][^,;]*$` took quadratic time there (a minute for 400,000 characters).
  { employeeNumber: T.String({ minLength: 1, maxLength: 50, pattern: '^\\s*[^,;\\s][^,;]*$' }) },
  { additionalProperties: false },
);
