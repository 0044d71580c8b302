/**
 * A run's counts per action and per status. Zero counts are left out in the compact form (a
 * quick "12 create, 3 disable"), kept in the full summary so the absence is visible too.
 */
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ACTIONS, type Action, ITEM_STATUSES, type ItemStatus } from '../api/contracts.ts';
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
  pickable: {
    cursor: 'pointer',
    border: `1px solid transparent`,
    textAlign: 'left',
    font: 'inherit',
    color: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  picked: { border: `1px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

/** The persons list's filter that a summary tile sets. */
export interface TileFilter {
  readonly action?: Action;
  readonly status?: ItemStatus;
}

export function RunCounts(props: {
  readonly run: Run;
  readonly compact?: boolean;
  /** Tiles become buttons that filter the persons by their action or status. */
  readonly onPick?: (filter: TileFilter) => void;
  readonly selected?: TileFilter;
}) {
  const styles = useStyles();
  const counts = props.run.counts;
  if (!counts) return null;
  const actions = ACTIONS.map((a) => [a, counts.actions[a] ?? 0] as const);
  const statuses = ITEM_STATUSES.map((s) => [s, counts.statuses[s] ?? 0] as const);
  if (props.compact) {
    const shown = actions.filter(([, n]) => n > 0);
    const failed = counts.statuses.failed ?? 0;
    return (
      <div className={styles.row}>
        {shown.length === 0 && <Text size={200}>No persons.</Text>}
        {shown.map(([a, n]) => (
          <Badge key={a} appearance="outline" color="informative">
            {n} {ACTION_LABELS[a].toLowerCase()}
          </Badge>
        ))}
        {/* The failures too: step 5's Activate said "2 failed persons" where the badges showed none. */}
        {failed > 0 && (
          <Badge appearance="outline" color="danger">
            {failed} {ITEM_STATUS_LABELS.failed.label.toLowerCase()}
          </Badge>
        )}
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
        {...(props.onPick
          ? {
              picked: props.selected?.action,
              onPick: (key: string) =>
                props.onPick?.(props.selected?.action === key ? {} : { action: key as Action }),
            }
          : {})}
      />
      <CountTiles
        title="Per status"
        testId="status-counts"
        kind="status"
        counts={statuses.map(([s, n]) => [s, n, ITEM_STATUS_LABELS[s].label] as const)}
        {...(props.onPick
          ? {
              picked: props.selected?.status,
              onPick: (key: string) =>
                props.onPick?.(props.selected?.status === key ? {} : { status: key as ItemStatus }),
            }
          : {})}
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
  readonly picked?: string | undefined;
  readonly onPick?: (key: string) => void;
}) {
  const styles = useStyles();
  return (
    <section aria-label={`Counts per ${props.kind}`}>
      <Text weight="semibold" block style={{ marginBottom: 6 }}>
        {props.title}
      </Text>
      <div className={styles.grid} data-testid={props.testId}>
        {props.counts.map(([key, n, label]) => {
          const data = { [`data-${props.kind}`]: key, 'data-count': n };
          const content = (
            <>
              <span className={`${styles.number} ${n === 0 ? styles.zero : ''}`}>{n}</span>
              <Text size={200}>{label}</Text>
            </>
          );
          const onPick = props.onPick;
          return onPick ? (
            <button
              key={key}
              type="button"
              className={`${styles.tile} ${styles.pickable} ${props.picked === key ? styles.picked : ''}`}
              aria-pressed={props.picked === key}
              title={`Show only ${label.toLowerCase()}`}
              onClick={() => onPick(key)}
              {...data}
            >
              {content}
            </button>
          ) : (
            <div key={key} className={styles.tile} {...data}>
              {content}
            </div>
          );
        })}
      </div>
    </section>
  );
}
