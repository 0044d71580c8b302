import { Type as T } from '@sinclair/typebox';

export const RetentionDto = T.Object(
  {
    runItemDays: T.Integer({
      minimum: 1,
      maximum: 3650,
      description: 'run items are removed this many days after their run finished…',
    }),
    keepRuns: T.Integer({
      minimum: 1,
      maximum: 1000,
      description: "…except the items of each connection's latest runs",
    }),
    auditDays: T.Union([T.Integer({ minimum: 30, maximum: 36500 }), T.Null()], {
      description: 'audit events older than this are removed; null keeps them for ever',
    }),
  },
  { additionalProperties: false },
);
