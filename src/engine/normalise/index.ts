export { addDays, daysBetween, localToday, startOfLocalDay, toLocalDate } from './local-date.ts';
export { type NormaliseOptions, normalise, normaliseInSlices } from './normalise.ts';
export { choosePrimary, employmentPhase } from './primary.ts';
export { RowCut } from './row-cut.ts';
