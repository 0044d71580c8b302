export { addDays, daysBetween, localToday, startOfLocalDay, toLocalDate } from './local-date.ts';
export { normalise, type NormaliseOptions } from './normalise.ts';
export { choosePrimary, employmentPhase } from './primary.ts';
