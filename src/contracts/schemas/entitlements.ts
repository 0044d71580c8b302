import { Type as T } from '@sinclair/typebox';

export const EntitlementOptionsQuery = T.Object(
  { q: T.Optional(T.String({ maxLength: 200, description: 'the start of a group name' })) },
  { additionalProperties: false },
);

export const EntitlementOptionsDto = T.Object({
  groups: T.Array(
    T.Object({
      id: T.String(),
      displayName: T.String(),
      kind: T.Union([T.Literal('security'), T.Literal('microsoft-365')]),
      licences: T.Array(T.String(), { description: 'licences the group carries (group-based licensing)' }),
    }),
    { description: 'at most 50, by name' },
  ),
  skus: T.Array(
    T.Object({
      skuId: T.String(),
      skuPartNumber: T.String(),
      name: T.String(),
      enabled: T.Integer(),
      consumed: T.Integer(),
      servicePlans: T.Array(T.Object({ id: T.String(), name: T.String(), label: T.String() })),
    }),
  ),
  message: T.Union([T.String(), T.Null()], {
    description: 'why there is nothing to pick (e.g. a hybrid tenant: type AD group DNs)',
  }),
});

export const LicencePoolDto = T.Object({
  skuId: T.String(),
  name: T.String(),
  enabled: T.Integer(),
  consumed: T.Integer(),
  freed: T.Integer(),
  wanted: T.Integer(),
  short: T.Integer({ description: 'persons of this run who get no licence because the pool is empty' }),
});
