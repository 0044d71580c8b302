import { Value } from '@sinclair/typebox/value';
import type { ErrorDetail } from '../errors.ts';
import { ConnectionConfig, DirectoryTargetConfig, GraphTargetConfig } from './schema.ts';
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
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(ConnectionConfig, withDefaults)) {
    // Unions report once per branch; keep the first message per path so the list stays readable.
    const path = e.path === '' ? '/' : e.path;
    if (seen.has(path)) continue;
    seen.add(path);
    errors.push({ path, message: describe(e.message, e.value) });
  }
  // The target is a union on `type`: name the bad fields of the type it declares, not just "/target".
  const target = (withDefaults as { target?: { type?: unknown } }).target;
  const schema =
    target?.type === 'active-directory'
      ? DirectoryTargetConfig
      : target?.type === 'entra'
        ? GraphTargetConfig
        : null;
  const targetError = errors.findIndex((e) => e.path === '/target');
  if (schema !== null && targetError >= 0) {
    const detailed = [...Value.Errors(schema, target)].map((e) => ({
      path: `/target${e.path}`,
      message: describe(e.message, e.value),
    }));
    if (detailed.length > 0) errors.splice(targetError, 1, ...detailed);
  }
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

function describe(message: string, value: unknown): string {
  const shown = value === undefined ? 'missing' : `got ${JSON.stringify(value)?.slice(0, 60)}`;
  return `${message.replace(/^Expected/, 'expected')} (${shown})`;
}

function semanticErrors(config: ConnectionConfig): ErrorDetail[] {
  return [timeZoneErrors, mappingErrors, thresholdErrors, entitlementErrors].flatMap((check) =>
    bestEffort(() => check(config)),
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
