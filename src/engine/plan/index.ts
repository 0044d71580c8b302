export { type PlanInput, plan } from './planner.ts';
export type { PersonPlan, Plan } from './types.ts';
export { chooseUnique, cleanLocalPart, UniqueNameRegistry } from './unique-names.ts';
