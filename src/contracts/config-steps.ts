/**
 * Which configuration step holds a configuration path: the one table that the service's step
 * validation (which reports only a step's own sections) and the console's way from a failed run to
 * the step to correct both read. A run's error names paths such as `/scope/filters/1/clauses/0/attribute`;
 * the console used to guess the step from the message's words.
 */

export type ConfigStepNumber = 1 | 2 | 3 | 4;

/** The top-level configuration sections each step owns. */
export const CONFIG_STEP_SECTIONS: Readonly<Record<ConfigStepNumber, readonly string[]>> = {
  1: ['/source'],
  2: ['/target'],
  3: ['/mapping', '/matching', '/uniqueness', '/writeBack', '/entitlements'],
  4: ['/scope', '/persons', '/lifecycle', '/thresholds', '/timeZone'],
};

const STEPS: readonly ConfigStepNumber[] = [1, 2, 3, 4];

/** Whether `path` (a JSON pointer into a connection configuration) is in one of `step`'s sections. */
export const stepOwnsPath = (step: ConfigStepNumber, path: string): boolean =>
  CONFIG_STEP_SECTIONS[step].some((s) => path === s || path.startsWith(`${s}/`));

/** The step whose form holds `path`, or null for a path no step owns (`/version`). */
export const stepOfConfigPath = (path: string): ConfigStepNumber | null =>
  STEPS.find((step) => stepOwnsPath(step, path)) ?? null;
