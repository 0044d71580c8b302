export { planEntitlements, removesEntitlements, ruleGroupIds } from './entitlements.ts';
export { personAttributesRead } from './person-reads.ts';
export { type PlanInput, plan } from './planner.ts';
export type { LicencePool, PersonPlan, Plan } from './types.ts';
export { chooseUnique, cleanLocalPart, UniqueNameRegistry } from './unique-names.ts';
