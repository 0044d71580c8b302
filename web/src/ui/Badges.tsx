/** Coloured badges for connection states and run/item statuses, from the label tables. */
import { Badge } from '@fluentui/react-components';
import type { ConnectionState, ItemStatus, RunStatus } from '../api/contracts.ts';
import { ITEM_STATUS_LABELS, RUN_STATUS_LABELS, STATE_LABELS } from './labels.ts';

export function StateBadge(props: { readonly state: ConnectionState }) {
  const { label, colour } = STATE_LABELS[props.state];
  return (
    <Badge appearance="tint" color={colour} data-state={props.state}>
      {label}
    </Badge>
  );
}

export function RunStatusBadge(props: { readonly status: RunStatus }) {
  const { label, colour } = RUN_STATUS_LABELS[props.status];
  return (
    <Badge appearance="filled" color={colour} data-run-status={props.status}>
      {label}
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
