/**
 * A run's counts per action and per status. Zero counts are left out in the compact form (a
 * quick "12 create, 3 disable"), kept in the full summary so the absence is visible too.
 */
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ACTIONS, ITEM_STATUSES } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', alignItems: 'center' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: '8px' },
  tile: {
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
  },
  number: {
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  zero: { color: tokens.colorNeutralForeground3 },
});

export function RunCounts(props: { readonly run: Run; readonly compact?: boolean }) {
  const styles = useStyles();
  const counts = props.run.counts;
  if (!counts) return null;
  const actions = ACTIONS.map((a) => [a, counts.actions[a] ?? 0] as const);
  const statuses = ITEM_STATUSES.map((s) => [s, counts.statuses[s] ?? 0] as const);
  if (props.compact) {
    const shown = actions.filter(([, n]) => n > 0);
    return (
      <div className={styles.row}>
        {shown.length === 0 && <Text size={200}>No persons.</Text>}
        {shown.map(([a, n]) => (
          <Badge key={a} appearance="outline" color="informative">
            {n} {ACTION_LABELS[a].toLowerCase()}
          </Badge>
        ))}
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <CountTiles
        title="Per action"
        testId="action-counts"
        kind="action"
        counts={actions.map(([a, n]) => [a, n, ACTION_LABELS[a]] as const)}
      />
      <CountTiles
        title="Per status"
        testId="status-counts"
        kind="status"
        counts={statuses.map(([s, n]) => [s, n, ITEM_STATUS_LABELS[s].label] as const)}
      />
    </div>
  );
}

/** One tile per key with its count; `data-action` / `data-status` and `data-count` name each tile. */
function CountTiles(props: {
  readonly title: string;
  readonly testId: string;
  readonly kind: 'action' | 'status';
  readonly counts: readonly (readonly [key: string, count: number, label: string])[];
}) {
  const styles = useStyles();
  return (
    <section aria-label={`Counts per ${props.kind}`}>
      <Text weight="semibold" block style={{ marginBottom: 6 }}>
        {props.title}
      </Text>
      <div className={styles.grid} data-testid={props.testId}>
        {props.counts.map(([key, n, label]) => (
          <div key={key} className={styles.tile} {...{ [`data-${props.kind}`]: key }} data-count={n}>
            <span className={`${styles.number} ${n === 0 ? styles.zero : ''}`}>{n}</span>
            <Text size={200}>{label}</Text>
          </div>
        ))}
      </div>
    </section>
  );
}
