export { addDays, daysBetween, localToday, startOfLocalDay, toLocalDate } from './local-date.ts';
export { type NormaliseOptions, normalise } from './normalise.ts';
export { choosePrimary, employmentPhase } from './primary.ts';
