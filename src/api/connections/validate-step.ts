/**
 * Validates one configuration step on its own: the step's sections are checked inside an otherwise
 * neutral configuration (engine defaults, placeholder source and tenant), so only this step's
 * problems are reported, each with the path to the bad field as the step's body names it.
 */
import { Value } from '@sinclair/typebox/value';
import { CONFIG_STEP_SECTIONS, type ConfigStepNumber, stepOwnsPath } from '../../contracts/config-steps.ts';
import { detailWords, readableMessage } from '../../contracts/field-words.ts';
import {
  ConnectionConfig,
  type ErrorDetail,
  HrsyncError,
  parseConnectionConfig,
  plural,
} from '../../core/index.ts';
import { checkConfig, DEFAULT_SECTIONS } from '../../engine/index.ts';
import { rawConfig } from '../../jobs/connection-config.ts';
import type { Connection, StoredConfig, Tenant } from '../../store/index.ts';

export type ConfigStep = ConfigStepNumber;

const PLACEHOLDER_SOURCE = {
  type: 'afas-profit',
  environment: { number: '00000' },
  token: { stored: 'placeholder' },
};
const PLACEHOLDER_TARGET = {
  type: 'entra',
  tenantId: 'placeholder',
  clientId: 'placeholder',
  credential: { type: 'secret', secret: { stored: 'placeholder' } },
  defaultDomain: 'example.com',
};

/**
 * The prefix each step's body leaves out; which sections a step owns is the table the console also
 * reads (contracts/config-steps.ts).
 */
const STRIP: Readonly<Record<ConfigStep, string>> = { 1: '/source', 2: '/target', 3: '', 4: '' };

function bodyPath(step: ConfigStep, path: string): string {
  const strip = STRIP[step];
  const rest = strip !== '' && path.startsWith(strip) ? path.slice(strip.length) : path;
  if (
    step === 2 &&
    (rest.startsWith('/clientId') || rest.startsWith('/credential') || rest.startsWith('/tenantId'))
  ) {
    return '/tenantId';
  }
  return rest === '' ? '/' : rest;
}

function friendly(step: ConfigStep, detail: ErrorDetail): ErrorDetail {
  const path = bodyPath(step, detail.path);
  if (step === 2 && path !== '/defaultDomain' && path !== '/tenantId') {
    // Everything else of a hybrid target comes from the tenant's directory settings: a missing one
    // leaves them incomplete, a wrong one (a container outside the base DN, stored by an older
    // version) is a value to correct. Either names the field as the tenant form does.
    const field = detailWords({ path, message: detail.message });
    return {
      path: '/tenantId',
      message:
        readableMessage(detail.message) === 'is required'
          ? `the tenant's directory settings are incomplete (${field}); an admin completes them on the tenant`
          : `the tenant's directory settings have a value that is not accepted (${field}); an admin corrects the tenant's directory settings`,
    };
  }
  if (step === 2 && path === '/tenantId') {
    return {
      path,
      message:
        'the tenant has no complete app registration (client id and secret or certificate); an admin adds them on the tenant',
    };
  }
  return { path, message: detail.message };
}

/**
 * The core parser stops at its own semantic errors; when the shape is right, the expression and
 * scope checks still run, so one save reports every problem at once.
 */
function deeperChecks(neutral: Record<string, unknown>): ErrorDetail[] {
  const defaulted = Value.Default(ConnectionConfig, JSON.parse(JSON.stringify(neutral)));
  return Value.Check(ConnectionConfig, defaulted) ? checkConfig(defaulted as ConnectionConfig) : [];
}

/** Returns the step's sections with defaults filled in, or throws HRS_CONFIG_INVALID with every problem. */
export function validateStep(
  step: ConfigStep,
  candidate: Connection,
  tenant: Tenant | null,
): ConnectionConfig {
  const real = rawConfig(candidate, tenant);
  const neutral: Record<string, unknown> = {
    ...rawConfig({ ...candidate, config: {} as StoredConfig }, null),
    ...DEFAULT_SECTIONS,
    source: PLACEHOLDER_SOURCE,
    target: PLACEHOLDER_TARGET,
  };
  for (const section of CONFIG_STEP_SECTIONS[step]) {
    const key = section.slice(1);
    if (real[key] !== undefined) neutral[key] = real[key];
  }
  const parsed = parseConnectionConfig(JSON.parse(JSON.stringify(neutral)));
  const all = parsed.ok ? checkConfig(parsed.config) : [...parsed.errors, ...deeperChecks(neutral)];
  const seen = new Set<string>();
  const errors = all
    .filter((e) => stepOwnsPath(step, e.path))
    .map((e) => friendly(step, e))
    .filter((e) => !seen.has(`${e.path} ${e.message}`) && seen.add(`${e.path} ${e.message}`) !== undefined);
  if (!parsed.ok && errors.length === 0) {
    // A problem outside this step's sections would be a bug in the neutral configuration.
    throw new HrsyncError(
      'HRS_INTERNAL',
      `step ${step} could not be validated: ${parsed.errors[0]?.message}`,
    );
  }
  if (errors.length > 0 || !parsed.ok) {
    const list = errors.map((e) => `${e.path} ${e.message}`).join('; ');
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `Step ${step} has ${plural(errors.length, 'problem')}: ${list}`,
      {
        details: errors,
      },
    );
  }
  return parsed.config;
}
