export { type ApplyContext, applyPlan } from './apply.ts';
