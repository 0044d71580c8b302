/**
 * Entitlement rules: a condition in the scoping-filter language → groups and/or licences. A person
 * gets the union of the rules they meet. hrsync remembers what it granted (with the link) and only
 * takes back what it granted, unless a rule is authoritative for its groups.
 */
import { type Static, Type as T, type TSchema } from '@sinclair/typebox';

const Guid = (description: string) =>
  T.String({
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    description,
  });

export const EntitlementGroupRef = T.Object(
  {
    /** Entra: the group's object id; Active Directory: the group's distinguished name. */
    id: T.String({ minLength: 1, maxLength: 1024, description: 'group object id (Entra) or DN (AD)' }),
    /** The name the administrator picked; shown in plans. The tenant's current name wins when it differs. */
    displayName: T.Optional(T.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type EntitlementGroupRef = Static<typeof EntitlementGroupRef>;

export const EntitlementLicenceRef = T.Object(
  {
    skuId: Guid('the subscribed SKU, from subscribedSkus'),
    /** e.g. SPB ("Microsoft 365 Business Premium"); shown in plans. */
    skuPartNumber: T.Optional(T.String({ maxLength: 128 })),
    /** Service plans to leave off (servicePlanId), e.g. Exchange Online. */
    disabledPlans: T.Array(Guid('servicePlanId to leave off'), { default: [], maxItems: 100 }),
    /** Names of the plans left off, for the plan's wording ("without Exchange"). */
    disabledPlanNames: T.Optional(T.Array(T.String({ maxLength: 128 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type EntitlementLicenceRef = Static<typeof EntitlementLicenceRef>;

export const ENTITLEMENT_GRANT_AT = ['enable', 'create'] as const;

/** The rule's shape; schema.ts passes in its scope clause so conditions are the scoping-filter language. */
export function entitlementRuleSchema<C extends TSchema>(clause: C) {
  return T.Object(
    {
      name: T.String({ minLength: 1, maxLength: 200, description: 'what the rule is for' }),
      /** Scoping-filter language: clauses AND-ed inside a filter, filters OR-ed; empty = everyone. */
      condition: T.Array(
        T.Object({ clauses: T.Array(clause, { minItems: 1 }) }, { additionalProperties: false }),
        { default: [], maxItems: 50 },
      ),
      groups: T.Array(EntitlementGroupRef, { default: [], maxItems: 100 }),
      licences: T.Array(EntitlementLicenceRef, { default: [], maxItems: 20 }),
      /** enable: while the account is enabled (default); create: from the create on, pre-hires too. */
      grantAt: T.Union(
        ENTITLEMENT_GRANT_AT.map((g) => T.Literal(g)),
        { default: 'enable' },
      ),
      /**
       * Days after hrsync disabled the account before this rule's grants are taken back (0 = at
       * once). Leaving the rule while the account stays enabled takes them back at once.
       */
      removeAfterDays: T.Integer({ minimum: 0, maximum: 3650, default: 0 }),
      /** The rule owns its groups: members hrsync did not add, and who should not be there, are removed. */
      authoritative: T.Boolean({ default: false }),
    },
    { additionalProperties: false },
  );
}
