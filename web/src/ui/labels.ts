/**
 * How the console names and colours the service's vocabulary: the words are the product's own
 * (src/contracts/words.ts, which the CLI prints too), the colours the console's. Each table is keyed
 * by the full union, so a new state, action or status does not compile until it is labelled here.
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
import {
  ACTION_WORDS,
  CONFIGURATION_STEP_WORDS,
  CONNECTION_STATE_WORDS,
  ITEM_STATUS_WORDS,
  ITEM_STEP_WORDS,
  RUN_KIND_WORDS,
  RUN_OUTCOME_INFO,
  RUN_STATUS_WORDS,
  SOURCE_SYSTEM_WORDS,
  TENANT_TYPE_WORDS,
} from '../api/contracts.ts';

type Colour = NonNullable<BadgeProps['color']>;

export const STATE_LABELS: Readonly<
  Record<ConnectionState, { readonly label: string; readonly colour: Colour }>
> = {
  draft: { label: CONNECTION_STATE_WORDS['draft'], colour: 'informative' },
  simulation: { label: CONNECTION_STATE_WORDS['simulation'], colour: 'warning' },
  active: { label: CONNECTION_STATE_WORDS['active'], colour: 'success' },
  deactivated: { label: CONNECTION_STATE_WORDS['deactivated'], colour: 'subtle' },
};

export const TENANT_TYPE_LABELS: Readonly<Record<TenantType, string>> = TENANT_TYPE_WORDS;

export const SOURCE_SYSTEM_LABELS: Readonly<Record<'afas-profit', string>> = SOURCE_SYSTEM_WORDS;

export const ACTION_LABELS: Readonly<Record<Action, string>> = ACTION_WORDS;

export const ITEM_STATUS_LABELS: Readonly<
  Record<ItemStatus, { readonly label: string; readonly colour: Colour }>
> = {
  success: { label: ITEM_STATUS_WORDS['success'], colour: 'success' },
  failed: { label: ITEM_STATUS_WORDS['failed'], colour: 'danger' },
  skipped: { label: ITEM_STATUS_WORDS['skipped'], colour: 'subtle' },
  warning: { label: ITEM_STATUS_WORDS['warning'], colour: 'warning' },
  blocked: { label: ITEM_STATUS_WORDS['blocked'], colour: 'severe' },
};

export const RUN_STATUS_LABELS: Readonly<
  Record<RunStatus, { readonly label: string; readonly colour: Colour }>
> = {
  queued: { label: RUN_STATUS_WORDS['queued'], colour: 'informative' },
  running: { label: RUN_STATUS_WORDS['running'], colour: 'brand' },
  blocked: { label: RUN_STATUS_WORDS['blocked'], colour: 'severe' },
  succeeded: { label: RUN_STATUS_WORDS['succeeded'], colour: 'success' },
  failed: { label: RUN_STATUS_WORDS['failed'], colour: 'danger' },
  cancelled: { label: RUN_STATUS_WORDS['cancelled'], colour: 'subtle' },
  discarded: { label: RUN_STATUS_WORDS['discarded'], colour: 'subtle' },
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

/**
 * How a run is named wherever it is shown: a finished run by its outcome (the words the CLI prints,
 * "Completed with failures"), a queued, running or discarded one by its status.
 */
export function runStatusLabel(
  status: RunStatus,
  outcome: RunOutcome | null,
): { readonly label: string; readonly colour: Colour } {
  return outcome === null || status === 'discarded'
    ? RUN_STATUS_LABELS[status]
    : { label: RUN_OUTCOME_INFO[outcome].label, colour: RUN_OUTCOME_COLOURS[outcome] };
}

/**
 * An outcome in a cell too narrow for its words: the two long outcomes have short ones; the badge
 * keeps the full words for screen readers and on hover (Badges.tsx).
 */
export const RUN_OUTCOME_SHORT_LABELS: Readonly<Record<RunOutcome, string>> = {
  succeeded: 'Succeeded',
  'succeeded-with-warnings': 'Warnings',
  'completed-with-failures': 'Partly failed',
  blocked: 'Blocked',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const RUN_KIND_LABELS: Readonly<Record<RunKind, string>> = RUN_KIND_WORDS;

/** The item steps' names: one table with the CLI's (contracts/item-reasons.ts). */
export const ITEM_STEP_LABELS: Readonly<Record<StepName, string>> = ITEM_STEP_WORDS;

export const STEP_TITLES: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = CONFIGURATION_STEP_WORDS;

/**
 * The built-in naming schemes of step 3: a name short enough for a phone's select, and under it the
 * whole rule with the user names it tries for Jan A. Jansen. Name and examples in one option were
 * up to 600 px wide and cut in the select on a phone and even at 1280 px.
 */
export const NAMING_SCHEME_LABELS: Readonly<Record<NamingScheme, string>> = {
  'first.last': 'First name first',
  'growing-first-name': 'Growing first name',
  'initials.last': 'Initials first',
  samaccountname: 'sAMAccountName',
};

export const NAMING_SCHEME_DESCRIPTIONS: Readonly<Record<NamingScheme, string>> = {
  'first.last': 'First name, initials, first letter — jan.jansen, j.a.jansen, j.jansen, jan.jansen2',
  'growing-first-name':
    'Growing first-name prefixes (as HelloID) — jan.jansen, j.jansen, ja.jansen, jan.jansen2',
  'initials.last': 'Initials first — j.a.jansen, jan.jansen, j.a.jansen2',
  samaccountname: 'sAMAccountName, at most 20 characters — janjansen, jajansen, jjansen, janjansen2',
};
