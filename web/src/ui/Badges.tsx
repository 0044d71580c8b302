/** Coloured badges for connection states and run/item statuses, from the label tables. */
import { Badge } from '@fluentui/react-components';
import {
  type ConnectionState,
  type ItemStatus,
  RUN_OUTCOME_INFO,
  type RunOutcome,
  type RunStatus,
} from '../api/contracts.ts';
import { ITEM_STATUS_LABELS, RUN_OUTCOME_COLOURS, RUN_STATUS_LABELS, STATE_LABELS } from './labels.ts';

export function StateBadge(props: { readonly state: ConnectionState }) {
  const { label, colour } = STATE_LABELS[props.state];
  return (
    <Badge appearance="tint" color={colour} data-state={props.state}>
      {label}
    </Badge>
  );
}

/**
 * A finished run wears its outcome (Succeeded, Succeeded with warnings, Completed with failures,
 * Blocked, Failed, Cancelled — the words the CLI prints); a queued or running one its status. A
 * discarded run says so: it was blocked and an operator chose not to apply it.
 */
export function RunStatusBadge(props: { readonly status: RunStatus; readonly outcome: RunOutcome | null }) {
  const { outcome, status } = props;
  const shown =
    outcome === null || status === 'discarded'
      ? RUN_STATUS_LABELS[status]
      : { label: RUN_OUTCOME_INFO[outcome].label, colour: RUN_OUTCOME_COLOURS[outcome] };
  return (
    <Badge
      appearance="filled"
      color={shown.colour}
      // A badge has a fixed height: in a narrow column "Completed with failures" wrapped and was cut
      // off. It grows instead.
      style={{ height: 'auto', minHeight: '20px', paddingBlock: '1px', whiteSpace: 'normal' }}
      data-run-status={status}
      data-run-outcome={outcome ?? undefined}
    >
      {shown.label}
    </Badge>
  );
}

export function ItemStatusBadge(props: { readonly status: ItemStatus }) {
  const { label, colour } = ITEM_STATUS_LABELS[props.status];
  return (
    <Badge appearance="tint" color={colour}>
      {label}
    </Badge>
  );
}
