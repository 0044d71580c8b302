/** A running run's phase in words, as the console and the CLI show its progress. */
import { RUN_PHASES, type RunPhase, type TenantType } from '../core/vocabulary.ts';

const isRunPhase = (phase: string): phase is RunPhase => (RUN_PHASES as readonly string[]).includes(phase);

const TARGET_WORDS = { cloud: 'Microsoft 365', hybrid: 'Active Directory', unknown: 'the tenant' } as const;

/** "Reading the accounts from Active Directory"; an unknown phase (a newer service) as it is. */
export function runPhaseWords(phase: string, type: TenantType | null): string {
  if (!isRunPhase(phase)) return phase;
  const words: Readonly<Record<RunPhase, string>> = {
    'read-source': 'Reading the employees from AFAS',
    'read-target': `Reading the accounts from ${TARGET_WORDS[type ?? 'unknown']}`,
    plan: 'Working out the changes',
    apply: 'Making the changes',
    record: 'Saving the results',
  };
  return words[phase];
}
