import { Type as T } from '@sinclair/typebox';
import { LIFECYCLES } from '../../core/vocabulary.ts';

export const LifecycleSchema = T.Union(
  LIFECYCLES.map((l) => T.Literal(l)),
  { description: 'derived from the employments in the connection’s time zone' },
);

export const PersonSearchQuery = T.Object(
  {
    q: T.Optional(
      T.String({
        maxLength: 200,
        description: 'the start of an employee number, or part of a name; case and accents do not matter',
      }),
    ),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const PersonSummaryDto = T.Object({
  employeeNumber: T.String(),
  displayName: T.String(),
  lifecycle: LifecycleSchema,
});

export const PersonSearchDto = T.Object({
  items: T.Array(PersonSummaryDto, { description: 'at most `limit`, by employee number' }),
  total: T.Integer({ minimum: 0, description: 'how many persons match, before the limit' }),
});
