export { type GuardInput, type GuardResult, guard } from './guard.ts';
