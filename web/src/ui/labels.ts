/**
 * How the console names and colours the service's vocabulary. Each table is keyed by the full
 * union, so a new state, action or status does not compile until it is labelled here.
 */
import type { BadgeProps } from '@fluentui/react-components';
import type {
  Action,
  ConnectionState,
  ItemStatus,
  NamingScheme,
  RunKind,
  RunOutcome,
  RunStatus,
  StepName,
  TenantType,
} from '../api/contracts.ts';
import { ITEM_STEP_WORDS } from '../api/contracts.ts';

type Colour = NonNullable<BadgeProps['color']>;

export const STATE_LABELS: Readonly<
  Record<ConnectionState, { readonly label: string; readonly colour: Colour }>
> = {
  draft: { label: 'Draft', colour: 'informative' },
  simulation: { label: 'Simulation', colour: 'warning' },
  active: { label: 'Active', colour: 'success' },
  deactivated: { label: 'Deactivated', colour: 'subtle' },
};

export const TENANT_TYPE_LABELS: Readonly<Record<TenantType, string>> = {
  cloud: 'Cloud (Microsoft Entra ID)',
  hybrid: 'Hybrid (Active Directory)',
};

export const SOURCE_SYSTEM_LABELS: Readonly<Record<'afas-profit', string>> = { 'afas-profit': 'AFAS Profit' };

export const ACTION_LABELS: Readonly<Record<Action, string>> = {
  create: 'Create',
  update: 'Update',
  enable: 'Enable',
  disable: 'Disable',
  delete: 'Delete',
  'no-change': 'No change',
  'out-of-scope': 'Out of scope',
  conflict: 'Conflict',
};

export const ITEM_STATUS_LABELS: Readonly<
  Record<ItemStatus, { readonly label: string; readonly colour: Colour }>
> = {
  success: { label: 'Success', colour: 'success' },
  failed: { label: 'Failed', colour: 'danger' },
  skipped: { label: 'Skipped', colour: 'subtle' },
  warning: { label: 'Warning', colour: 'warning' },
  blocked: { label: 'Blocked', colour: 'severe' },
};

export const RUN_STATUS_LABELS: Readonly<
  Record<RunStatus, { readonly label: string; readonly colour: Colour }>
> = {
  queued: { label: 'Queued', colour: 'informative' },
  running: { label: 'Running', colour: 'brand' },
  blocked: { label: 'Blocked', colour: 'severe' },
  succeeded: { label: 'Succeeded', colour: 'success' },
  failed: { label: 'Failed', colour: 'danger' },
  cancelled: { label: 'Cancelled', colour: 'subtle' },
  discarded: { label: 'Discarded', colour: 'subtle' },
};

/** Outcome colours; the words are the service's own (RUN_OUTCOME_INFO), as the CLI prints them. */
export const RUN_OUTCOME_COLOURS: Readonly<Record<RunOutcome, Colour>> = {
  succeeded: 'success',
  'succeeded-with-warnings': 'warning',
  'completed-with-failures': 'danger',
  blocked: 'severe',
  failed: 'danger',
  cancelled: 'subtle',
};

export const RUN_KIND_LABELS: Readonly<Record<RunKind, string>> = {
  simulation: 'Simulation',
  sync: 'Sync',
  'on-demand': 'On-demand sync',
};

/** The steps of one person's result (the run item panel), in words. */
/** The item steps' names: one table with the CLI's (contracts/item-reasons.ts). */
export const ITEM_STEP_LABELS: Readonly<Record<StepName, string>> = ITEM_STEP_WORDS;

export const STEP_TITLES: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'Source',
  2: 'Destination',
  3: 'Mapping and matching',
  4: 'Scope and lifecycle',
  5: 'Simulation and activation',
};

/** The built-in naming schemes of step 3, each with the user names it tries for Jan A. Jansen. */
export const NAMING_SCHEME_LABELS: Readonly<Record<NamingScheme, string>> = {
  'first.last': 'First name, initials, first letter — jan.jansen, j.a.jansen, j.jansen, jan.jansen2',
  'growing-first-name':
    'Growing first-name prefixes (as HelloID) — jan.jansen, j.jansen, ja.jansen, jan.jansen2',
  'initials.last': 'Initials first — j.a.jansen, jan.jansen, j.a.jansen2',
  samaccountname: 'sAMAccountName, at most 20 characters — janjansen, jajansen, jjansen, janjansen2',
};
