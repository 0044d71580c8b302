import { Type as T } from '@sinclair/typebox';
import { AUDIT_OUTCOMES } from '../audit-actions.ts';
import { Id, Nullable, Page, PageQuery, Timestamp } from './common.ts';

export const AuditOutcomeSchema = T.Union(AUDIT_OUTCOMES.map((o) => T.Literal(o)));

export const AuditEventDto = T.Object({
  id: Id,
  at: Timestamp,
  actor: T.Object({
    type: T.Union([T.Literal('user'), T.Literal('token'), T.Literal('system'), T.Literal('agent')]),
    id: Nullable(T.String()),
    name: T.String(),
    displayName: T.String({
      description: 'the actor as a person would name them: “Jan Bakker”, “API token ‹name›”, “Scheduled run”',
    }),
  }),
  action: T.String(),
  outcome: AuditOutcomeSchema,
  connection: Nullable(T.Object({ id: Id, name: Nullable(T.String()) })),
  tenantId: Nullable(T.String()),
  runId: Nullable(T.String()),
  person: Nullable(T.String()),
  message: T.String(),
  details: T.Record(T.String(), T.Unknown()),
});

export const AuditFilter = {
  connectionId: T.Optional(Id),
  runId: T.Optional(Id),
  from: T.Optional(T.String({ format: 'date-time', description: 'inclusive' })),
  to: T.Optional(T.String({ format: 'date-time', description: 'exclusive' })),
  actor: T.Optional(T.String({ minLength: 1, maxLength: 320 })),
  action: T.Optional(
    T.String({ minLength: 1, maxLength: 100, description: 'an action, or a prefix ending in "."' }),
  ),
  person: T.Optional(T.String({ minLength: 1, maxLength: 50, description: 'employee number' })),
  outcome: T.Optional(AuditOutcomeSchema),
};
export const AuditQuery = T.Object(
  {
    ...AuditFilter,
    ...PageQuery,
    cursor: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 1000,
        description:
          'the `nextCursor` of the previous page: the next page, read from where that one ended (same filters); `page` is then ignored',
      }),
    ),
  },
  { additionalProperties: false },
);
/** A page of the log; `nextCursor` reads the next one by keyset (null on the last page). */
export const AuditPage = T.Object({
  ...Page(AuditEventDto).properties,
  nextCursor: Nullable(T.String()),
});
export const AuditExportQuery = T.Object(AuditFilter, { additionalProperties: false });
