/**
 * Checks a configuration beyond its schema: every expression parses, regexes compile. Used by the
 * CLI before a run and by the service when a step is saved, so errors carry their path.
 */
import {
  bestEffort,
  type ConnectionConfig,
  type ErrorDetail,
  HrsyncError,
  parseConnectionConfig,
} from '../core/index.ts';
import { parseExpression } from '../expr/index.ts';
import { compileMapping } from './map/index.ts';
import { validateScope } from './scope/index.ts';

export function checkConfig(config: ConnectionConfig): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const compiled = compileMapping(config.mapping, {});
  if (!compiled.ok) errors.push(...compiled.errors);
  config.uniqueness.candidates.forEach((text, i) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) errors.push({ path: `/uniqueness/candidates/${i}`, message: parsed.error.message });
  });
  errors.push(...validateScope(config.scope));
  (config.entitlements ?? []).forEach((rule, i) => {
    // The condition is the scoping-filter language: the same checks, reported at the rule's path.
    for (const e of validateScope({ filters: rule.condition, outOfScope: 'none' }))
      errors.push({ ...e, path: e.path.replace('/scope/filters/', `/entitlements/${i}/condition/`) });
  });
  return errors;
}

/** Schema + semantic checks; throws HRS_CONFIG_INVALID listing every problem. */
export function loadConfig(input: unknown): ConnectionConfig {
  const parsed = parseConnectionConfig(input);
  // Expression and regex checks run on a malformed document too, so one pass lists everything.
  const errors = parsed.ok
    ? checkConfig(parsed.config)
    : [...parsed.errors, ...bestEffort(() => checkConfig(input as ConnectionConfig))];
  if (!parsed.ok || errors.length > 0) {
    const list = errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
    throw new HrsyncError('HRS_CONFIG_INVALID', `the connection configuration is invalid:\n${list}`, {
      details: errors,
    });
  }
  return parsed.config;
}
