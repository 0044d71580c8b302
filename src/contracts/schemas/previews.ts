/**
 * "Preview impact" (a draft of step 3 or 4 against the saved configuration) and run comparison
 * ("what changed since the last sync"): both answer with the persons whose plan differs, paged.
 */
import { Type as T } from '@sinclair/typebox';
import { ACTIONS } from '../../core/vocabulary.ts';
import { Id, Nullable, PageQuery, Timestamp } from './common.ts';
import { ActionSchema, AttrValue, ItemStatusSchema, RunDto } from './runs.ts';

export const DIFFERENCE_KIND_NAMES = ['action', 'status', 'values'] as const;
const DifferenceKindSchema = T.Union(DIFFERENCE_KIND_NAMES.map((k) => T.Literal(k)));
const ActionOrAbsent = T.Union([ActionSchema, T.Literal('absent')]);
const ActionCounts = T.Object(Object.fromEntries(ACTIONS.map((a) => [a, T.Integer({ minimum: 0 })])));

export const PlanSideDto = T.Object({
  action: ActionSchema,
  status: ItemStatusSchema,
  accountId: Nullable(T.String()),
  error: Nullable(T.String({ description: 'why the person failed, was skipped or conflicts' })),
});

export const PersonDifferenceDto = T.Object({
  employeeNumber: T.String(),
  displayName: T.String(),
  before: Nullable(PlanSideDto),
  after: Nullable(PlanSideDto),
  attributes: T.Array(
    T.Object({
      attribute: T.String(),
      current: AttrValue,
      before: AttrValue,
      after: AttrValue,
    }),
    { description: 'attributes whose outcome differs: now, after the first plan, after the second' },
  ),
  kinds: T.Array(DifferenceKindSchema),
});

export const DifferenceSummaryDto = T.Object({
  compared: T.Integer({ minimum: 0, description: 'persons in either plan' }),
  changed: T.Integer({ minimum: 0, description: 'persons whose action, status or values differ' }),
  byKind: T.Object({
    action: T.Integer({ minimum: 0 }),
    status: T.Integer({ minimum: 0 }),
    values: T.Integer({ minimum: 0 }),
  }),
  transitions: T.Array(
    T.Object({ from: ActionOrAbsent, to: ActionOrAbsent, count: T.Integer({ minimum: 1 }) }),
  ),
  beforeActions: ActionCounts,
  afterActions: ActionCounts,
  truncated: T.Boolean({ description: 'more persons differ than are listed (the first 10,000 by name are)' }),
});

export const DifferencePage = T.Object({
  items: T.Array(PersonDifferenceDto),
  total: T.Integer({ minimum: 0 }),
  page: T.Integer({ minimum: 1 }),
  pageSize: T.Integer({ minimum: 1 }),
});

export const DifferenceFilter = {
  kind: T.Optional(DifferenceKindSchema),
  q: T.Optional(T.String({ maxLength: 200, description: 'part of the name or employee number' })),
};

export const PreviewQuery = T.Object({ pageSize: PageQuery.pageSize }, { additionalProperties: false });
export const PreviewPageQuery = T.Object(
  { ...DifferenceFilter, ...PageQuery },
  { additionalProperties: false },
);
export const PreviewParams = T.Object({ id: Id, previewId: Id });

const SimulationSummaryDto = T.Object({
  status: T.Union([T.Literal('succeeded'), T.Literal('blocked'), T.Literal('failed')]),
  blockedReason: Nullable(T.String()),
  error: Nullable(T.Object({ code: T.String(), message: T.String() })),
  sourceCount: Nullable(T.Integer({ minimum: 0 })),
});

export const PreviewDto = T.Object({
  id: Id,
  connectionId: Id,
  step: T.Union([T.Literal(3), T.Literal(4)]),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  saved: SimulationSummaryDto,
  draft: SimulationSummaryDto,
  difference: Nullable(DifferenceSummaryDto),
  persons: DifferencePage,
});

export const RunComparisonQuery = T.Object(
  { with: Id, ...DifferenceFilter, ...PageQuery },
  { additionalProperties: false },
);

export const RunComparisonDto = T.Object({
  base: RunDto,
  run: RunDto,
  difference: DifferenceSummaryDto,
  persons: DifferencePage,
});
