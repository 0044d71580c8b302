/** Coloured badges for connection states and run/item statuses, from the label tables. */
import { Badge, makeStyles, mergeClasses } from '@fluentui/react-components';
import type { ConnectionState, ItemStatus, RunOutcome, RunStatus } from '../api/contracts.ts';
import { ITEM_STATUS_LABELS, RUN_OUTCOME_SHORT_LABELS, runStatusLabel, STATE_LABELS } from './labels.ts';

/** Narrower than this, a cell shows an outcome's short words ("Completed with failures" is ~175 px). */
const NARROW = '@container (max-width: 190px)';

const useStyles = makeStyles({
  // One line, never wider than its box: a badge has a fixed height, and wrapped words were cut off.
  badge: { whiteSpace: 'nowrap', maxWidth: '100%', overflow: 'hidden' },
  words: { overflow: 'hidden', textOverflow: 'ellipsis' },
  // `fill`: the cell or value the badge sits in is the container its words are chosen by.
  fill: {
    display: 'block',
    containerType: 'inline-size',
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: 0,
    minWidth: 0,
  },
  // Too narrow for the full words, they stay for screen readers and the short ones are shown.
  full: {
    [NARROW]: {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clipPath: 'inset(50%)',
    },
  },
  short: { display: 'none', [NARROW]: { display: 'inline' } },
});

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
 * discarded run says so: it was blocked and an operator chose not to apply it. The badge is one line.
 * With `fill` it sits alone in a table cell or a property's value and takes its width: where the full
 * words do not fit (a phone, a narrow column) it shows short ones ("Partly failed"), the full words
 * still read by screen readers and shown on hover.
 */
export function RunStatusBadge(props: {
  readonly status: RunStatus;
  readonly outcome: RunOutcome | null;
  readonly fill?: boolean;
}) {
  const styles = useStyles();
  const { outcome, status } = props;
  const shown = runStatusLabel(status, outcome);
  const short =
    outcome !== null && status !== 'discarded' && props.fill
      ? RUN_OUTCOME_SHORT_LABELS[outcome]
      : shown.label;
  const badge = (
    <Badge
      appearance="filled"
      color={shown.colour}
      className={styles.badge}
      data-run-status={status}
      data-run-outcome={outcome ?? undefined}
      data-colour={shown.colour}
      {...(short === shown.label ? {} : { title: shown.label })}
    >
      {short === shown.label ? (
        <span className={styles.words}>{shown.label}</span>
      ) : (
        <>
          <span className={mergeClasses(styles.words, styles.full)}>{shown.label}</span>
          <span className={mergeClasses(styles.words, styles.short)} aria-hidden>
            {short}
          </span>
        </>
      )}
    </Badge>
  );
  return props.fill ? <span className={styles.fill}>{badge}</span> : badge;
}

export function ItemStatusBadge(props: { readonly status: ItemStatus }) {
  const { label, colour } = ITEM_STATUS_LABELS[props.status];
  return (
    <Badge appearance="tint" color={colour}>
      {label}
    </Badge>
  );
}
