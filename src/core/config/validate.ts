import { Value } from '@sinclair/typebox/value';
import { containerOutsideBaseDn } from '../directory-placement.ts';
import { dnProblem, looksLikeDn } from '../distinguished-name.ts';
import type { ErrorDetail } from '../errors.ts';
import { explainErrors } from './explain-errors.ts';
import { ConnectionConfig } from './schema.ts';
import { entitlementErrors } from './validate-entitlements.ts';

export type ConfigResult =
  | { readonly ok: true; readonly config: ConnectionConfig }
  | { readonly ok: false; readonly errors: readonly ErrorDetail[] };

/**
 * Fills defaults and checks a connection configuration. Every problem is reported with the path to
 * the bad field and why, all at once, so an administrator fixes a file in one pass.
 */
export function parseConnectionConfig(input: unknown): ConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '/', message: 'the configuration must be a JSON object' }] };
  }
  const version = (input as { version?: unknown }).version;
  if (version !== 1) {
    return {
      ok: false,
      errors: [
        {
          path: '/version',
          message: `unsupported configuration version ${JSON.stringify(version)}; expected 1`,
        },
      ],
    };
  }
  const withDefaults = Value.Default(ConnectionConfig, structuredClone(input));
  // Every problem with its path: inside a union (the target, the AFAS environment, a secret) the
  // field of the member the value was meant to be, the allowed words, the described format.
  const errors: ErrorDetail[] = explainErrors(ConnectionConfig, withDefaults);
  // Semantic checks run even when the shape is wrong somewhere else, so one pass shows everything;
  // a check whose own section is malformed is skipped (the shape error already names it).
  errors.push(...bestEffort(() => semanticErrors(withDefaults as ConnectionConfig)));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: withDefaults as ConnectionConfig };
}

export function bestEffort(check: () => ErrorDetail[]): ErrorDetail[] {
  try {
    return check();
  } catch {
    return [];
  }
}

function semanticErrors(config: ConnectionConfig): ErrorDetail[] {
  return [timeZoneErrors, mappingErrors, thresholdErrors, directoryErrors, entitlementErrors].flatMap(
    (check) => bestEffort(() => check(config)),
  );
}

function timeZoneErrors(config: ConnectionConfig): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
  } catch {
    errors.push({ path: '/timeZone', message: `unknown time zone "${config.timeZone}"; use an IANA name` });
  }
  return errors;
}

function mappingErrors(config: ConnectionConfig): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const targets = new Map<string, number>();
  config.mapping.forEach((rule, i) => {
    const earlier = targets.get(rule.target);
    if (earlier !== undefined) {
      errors.push({
        path: `/mapping/${i}/target`,
        message: `"${rule.target}" is already mapped at /mapping/${earlier}`,
      });
    }
    targets.set(rule.target, i);
    if (rule.type !== 'none' && rule.source === undefined) {
      errors.push({ path: `/mapping/${i}/source`, message: `a ${rule.type} mapping needs a source` });
    }
  });
  config.matching.forEach((attribute, i) => {
    if (!targets.has(attribute)) {
      errors.push({
        path: `/matching/${i}`,
        message: `matching attribute "${attribute}" has no mapping; map it so hrsync knows the value to match on`,
      });
    }
  });
  return errors;
}

/** The mapped attribute that places an Active Directory account in its container. */
const PARENT = 'parentDistinguishedName';

/** A hybrid target's DNs, parsed as the domain controller will (RFC 4514), each error at its field. */
function directoryErrors(config: ConnectionConfig): ErrorDetail[] {
  const target = config.target;
  if (target.type !== 'active-directory') return [];
  const errors: ErrorDetail[] = [];
  for (const field of ['baseDn', 'container', 'disabledContainer'] as const) {
    const dn = target[field];
    if (typeof dn !== 'string') continue;
    const problem = dnProblem(dn);
    if (problem) errors.push({ path: `/target/${field}`, message: `not a distinguished name: ${problem}` });
  }
  // Accounts are read below the base DN only: one placed outside it would be created again every run.
  // Without a base DN the domain is read, which only a run knows (the planner checks it then).
  for (const field of ['container', 'disabledContainer'] as const) {
    const outside = containerOutsideBaseDn(target[field], target.baseDn);
    if (outside) errors.push({ path: `/target/${field}`, message: outside });
  }
  config.mapping.forEach((rule, i) => {
    if (rule.target !== PARENT || rule.type !== 'constant') return;
    // The default placement is the container itself, already refused at its own field.
    if (rule.source === target.container || rule.source === target.disabledContainer) return;
    const outside = containerOutsideBaseDn(rule.source, target.baseDn, 'mapping');
    if (outside) errors.push({ path: `/mapping/${i}/source`, message: outside });
  });
  const bindProblem = looksLikeDn(target.bindUser) ? dnProblem(target.bindUser) : null;
  if (bindProblem)
    errors.push({ path: '/target/bindUser', message: `not a distinguished name: ${bindProblem}` });
  return errors;
}

function thresholdErrors(config: ConnectionConfig): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const { maxDisableDeleteCount, maxDisableDeletePercent } = config.thresholds;
  if (maxDisableDeleteCount === null && maxDisableDeletePercent === null) {
    errors.push({
      path: '/thresholds',
      message: 'at least one disable/delete threshold must be set; a run without one could disable everyone',
    });
  }
  return errors;
}
