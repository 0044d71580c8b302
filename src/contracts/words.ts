/**
 * The product's vocabulary in words, as the console and the CLI both show it (issue 12, item 5):
 * "No change", not `no-change`. Each table is keyed by the full union, so a new state, action or
 * status does not compile until it is named here. The console adds its colours (web/src/ui/labels.ts).
 */

import type { OverrideKind } from '../core/overrides.ts';
import type {
  Action,
  ConnectionState,
  ItemStatus,
  RunKind,
  RunStatus,
  TenantType,
} from '../core/vocabulary.ts';
import type { AuditOutcome } from './audit-actions.ts';
import { formatInstant } from './date-time.ts';
import type { AgentStatus } from './schemas/agents.ts';
import { formatEndOfDay } from './wall-clock.ts';

export const CONNECTION_STATE_WORDS: Readonly<Record<ConnectionState, string>> = {
  draft: 'Draft',
  simulation: 'Simulation',
  active: 'Active',
  deactivated: 'Deactivated',
};

export const TENANT_TYPE_WORDS: Readonly<Record<TenantType, string>> = {
  cloud: 'Cloud (Microsoft Entra ID)',
  hybrid: 'Hybrid (Active Directory)',
};

export const SOURCE_SYSTEM_WORDS: Readonly<Record<'afas-profit', string>> = { 'afas-profit': 'AFAS Profit' };

export const ACTION_WORDS: Readonly<Record<Action, string>> = {
  create: 'Create',
  update: 'Update',
  enable: 'Enable',
  disable: 'Disable',
  delete: 'Delete',
  'no-change': 'No change',
  'out-of-scope': 'Out of scope',
  conflict: 'Conflict',
};

export const ITEM_STATUS_WORDS: Readonly<Record<ItemStatus, string>> = {
  success: 'Success',
  failed: 'Failed',
  skipped: 'Skipped',
  warning: 'Warning',
  blocked: 'Blocked',
};

export const RUN_STATUS_WORDS: Readonly<Record<RunStatus, string>> = {
  queued: 'Queued',
  running: 'Running',
  blocked: 'Blocked',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  discarded: 'Discarded',
};

export const RUN_KIND_WORDS: Readonly<Record<RunKind, string>> = {
  simulation: 'Simulation',
  sync: 'Sync',
  'on-demand': 'On-demand sync',
};

/** An operator's override of the matcher, followed by the account where it names one. */
export const OVERRIDE_WORDS: Readonly<Record<OverrideKind, string>> = {
  link: 'Linked to',
  exclude: 'Excluded',
  'never-match': 'Never matched to',
};

/** A directory agent's registration; a registered one is "Connected" or "Not connected" (`agentStatusWords`). */
export const AGENT_STATUS_WORDS: Readonly<Record<AgentStatus, string>> = {
  'awaiting-registration': 'Waiting for registration',
  'key-expired': 'Key expired, never registered',
  registered: 'Registered',
  revoked: 'Revoked',
};

export const agentStatusWords = (status: AgentStatus, connected: boolean): string =>
  status === 'registered' ? (connected ? 'Connected' : 'Not connected') : AGENT_STATUS_WORDS[status];

/** The five configuration steps by number, as the console's step list and `connections show` name them. */
export const CONFIGURATION_STEP_WORDS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'Source',
  2: 'Destination',
  3: 'Mapping and matching',
  4: 'Scope and lifecycle',
  5: 'Simulation and activation',
};

export const AUDIT_OUTCOME_WORDS: Readonly<Record<AuditOutcome, string>> = {
  success: 'Done',
  failure: 'Failed',
  refused: 'Refused',
};

/** An instant as Graph and hrsync write it ("2019-12-31T23:00:00Z"), not a bare date. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A value from an attribute change, as text: arrays joined, null shown as "(empty)". With a zone,
 * an instant is shown in the one format in that zone with the value as written beside it: a hire
 * date of 1 January written as "2019-12-31T23:00:00Z" reads "1 Jan 2020, 00:00 CET
 * (2019-12-31T23:00:00Z)", not as the day before. A leave date or expiry (`attribute`, see
 * formatEndOfDay) at midnight leads with the last day it ends, as the item's "Left on 18 Sept"
 * says: "end of 18 Sept 2026 — 19 Sept 2026, 00:00 CEST (2026-09-18T22:00:00Z)".
 */
export function formatValue(value: unknown, zone?: string, attribute?: string): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value))
    return value.length ? value.map((v) => formatValue(v, zone, attribute)).join(', ') : '(empty)';
  if (zone !== undefined && typeof value === 'string' && INSTANT.test(value)) {
    const end = attribute === undefined ? undefined : formatEndOfDay(value, zone, attribute);
    return `${end === undefined ? '' : `${end} — `}${formatInstant(value, zone)} (${value})`;
  }
  return String(value);
}

/** A word from one of these tables, or the value itself when a newer service sends one it lacks. */
export const wordFor = <K extends string>(table: Readonly<Record<K, string>>, value: string): string =>
  Object.hasOwn(table, value) ? table[value as K] : value;
