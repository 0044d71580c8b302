/**
 * Quarantine in the plan: a person the target refused keeps their writes back while what their
 * write depends on (the fingerprint) is unchanged; the run shows what would be sent, and why not.
 */
import type { Attributes, AttrValue, QuarantineEntry, RunStep } from '../../core/index.ts';
import type { PersonOutcome, PlanRun, QuarantinePlanInput } from './plan-run.ts';
import { step } from './plan-steps.ts';
import type { PersonPlan } from './types.ts';

/**
 * A person's quarantine fingerprint, hashed when first asked: only a person the target refuses (or one
 * with a quarantine entry) needs it, so a run that sends 10,000 updates hashes none of them up front.
 * The mapped values are read as they are now: the manager pass later records the manager in the same
 * object, so that key is put back to what it was.
 */
export function fingerprintOf(
  quarantine: QuarantinePlanInput,
  mapped: Attributes,
  manager: AttrValue | undefined,
): () => string {
  const hadManager = Object.hasOwn(mapped, 'manager');
  const managerBefore = mapped.manager;
  let hash: string | undefined;
  return () => {
    if (hash !== undefined) return hash;
    const values: Record<string, AttrValue> = { ...mapped, ManagerEmployeeNumber: manager ?? null };
    if (hadManager) values.manager = managerBefore as AttrValue;
    else delete values.manager;
    hash = quarantine.fingerprint(values);
    return hash;
  };
}

/** A quarantined person: what would be sent is shown, nothing is sent. */
export function quarantined(p: PersonPlan, entry: QuarantineEntry): PersonPlan {
  // The instant as it is: the words (contracts/item-reasons.ts) show it in the connection's zone.
  const message = `quarantined since ${entry.since}, because ${entry.message}`;
  return {
    item: {
      ...p.item,
      status: 'failed',
      steps: [
        ...p.item.steps,
        {
          ...step(
            'plan',
            `${message}. Nothing is sent until their AFAS data, the configuration or an operator changes something.`,
            'failed',
          ),
          reason: { code: 'quarantined', since: entry.since, because: entry.message },
        },
      ],
      error: { code: 'HRS_QUARANTINED', message },
    },
    writes: [],
    newLink: false,
    dropLink: false,
    applied: {},
  };
}

/** The step of a quarantined person who is sent again. */
export function released(entry: QuarantineEntry, q: QuarantinePlanInput, n: string): RunStep {
  const byOperator = q.released?.has(n) === true;
  const why = byOperator
    ? 'an operator asked to run them again'
    : 'their AFAS data or the configuration changed';
  return {
    ...step(
      'plan',
      `was quarantined since ${entry.since} (${entry.message}); sent again because ${why}`,
      'success',
    ),
    reason: { code: 'released', since: entry.since, because: entry.message, byOperator },
  };
}

export function withStep(p: PersonPlan, s: RunStep): PersonPlan {
  return { ...p, item: { ...p.item, steps: [...p.item.steps, s] } };
}

/**
 * The fingerprint a plan with mapped values carries: one with writes that will be applied (the target
 * may refuse them), or one whose person is quarantined (compared to see whether they may go again);
 * else none.
 */
export function quarantineFingerprint(
  run: PlanRun,
  out: PersonOutcome,
  n: string,
  mapped: Attributes,
  manager: AttrValue | undefined,
  writes: number,
): (() => string) | undefined {
  const quarantine = run.quarantine;
  if (quarantine === undefined) return undefined;
  const entry = quarantine.entries.get(n);
  out.entry = entry;
  return (writes > 0 && run.applies) || entry !== undefined
    ? fingerprintOf(quarantine, mapped, manager)
    : undefined;
}
