/**
 * Whose plan differs between two plans — a draft configuration's against the saved one ("Preview
 * impact"), or one run's against another ("what changed since") — with both versions side by side
 * and the counts on top. Filtering and paging are the service's (the lists can be long).
 */
import { Badge, Button, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DifferencePage, DifferenceSummary, PersonDifference } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { AttributeName } from '../ui/AttributeName.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatValue, plural } from '../ui/format.ts';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';
import { Pager } from '../ui/Pager.tsx';
import { useTimeZone } from '../ui/time-zone.ts';

export type DifferenceKind = 'action' | 'status' | 'values';

export interface DifferenceQuery {
  readonly page: number;
  readonly kind?: DifferenceKind;
  readonly q?: string;
}

const KIND_LABELS: Readonly<Record<DifferenceKind, string>> = {
  action: 'Action changes',
  status: 'Outcome changes',
  values: 'Value changes',
};

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: '8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
  },
  side: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground1 },
});

const absentLabel = (a: string) =>
  a === 'absent' ? 'Not in the plan' : ACTION_LABELS[a as keyof typeof ACTION_LABELS];

function Side(props: { readonly person: PersonDifference; readonly which: 'before' | 'after' }) {
  const styles = useStyles();
  const zone = useTimeZone();
  const side = props.person[props.which];
  if (!side) return <Text className={styles.muted}>Not in this plan</Text>;
  const other = props.person[props.which === 'before' ? 'after' : 'before'];
  const status = ITEM_STATUS_LABELS[side.status];
  return (
    <div className={styles.side} data-side={props.which}>
      <div className={styles.row}>
        <Text weight="semibold" className={other?.action !== side.action ? styles.changed : undefined}>
          {ACTION_LABELS[side.action]}
        </Text>
        <Badge appearance="tint" color={status.colour}>
          {status.label}
        </Badge>
      </div>
      {side.error && <Text size={200}>{side.error}</Text>}
      {props.person.attributes.map((a) => (
        <Text key={a.attribute} size={200} data-attribute={a.attribute}>
          <AttributeName name={a.attribute} />:{' '}
          <span className={styles.changed}>
            {side.status === 'failed' && a[props.which] === a.current
              ? 'not written'
              : formatValue(a[props.which], zone, a.attribute)}
          </span>
        </Text>
      ))}
    </div>
  );
}

export function DifferenceList(props: {
  readonly summary: DifferenceSummary;
  readonly first: DifferencePage;
  readonly beforeLabel: string;
  readonly afterLabel: string;
  readonly load: (query: DifferenceQuery) => Promise<DifferencePage>;
  readonly testId: string;
}) {
  const styles = useStyles();
  const zone = useTimeZone();
  const { summary } = props;
  const [page, setPage] = useState<DifferencePage>(props.first);
  const [kind, setKind] = useState<DifferenceKind | undefined>(undefined);
  const [text, setText] = useState('');
  const loading = useAction(async (query: DifferenceQuery) => {
    const next = await props.load(query);
    setPage(next);
    return next;
  });
  const show = (query: { page?: number; kind?: DifferenceKind | undefined; q?: string }) => {
    const q = query.q ?? text;
    const k = 'kind' in query ? query.kind : kind;
    void loading.run({
      page: query.page ?? 1,
      ...(k ? { kind: k } : {}),
      ...(q.trim() ? { q: q.trim() } : {}),
    });
  };

  return (
    <div className={styles.stack} data-testid={props.testId}>
      <Text weight="semibold" data-testid={`${props.testId}-count`}>
        {summary.changed === 0
          ? `No person’s plan differs (${plural(summary.compared, 'person')} compared).`
          : `${plural(summary.changed, 'person')} of ${summary.compared} differ.`}
      </Text>
      {summary.changed > 0 && (
        <>
          <fieldset className={styles.row} style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className={styles.hidden}>Show</legend>
            <Button
              size="small"
              appearance={kind === undefined ? 'primary' : 'secondary'}
              aria-pressed={kind === undefined}
              onClick={() => {
                setKind(undefined);
                show({ kind: undefined });
              }}
            >
              All ({summary.changed})
            </Button>
            {(['action', 'status', 'values'] as const).map((k) => (
              <Button
                key={k}
                size="small"
                appearance={kind === k ? 'primary' : 'secondary'}
                aria-pressed={kind === k}
                disabled={summary.byKind[k] === 0}
                onClick={() => {
                  setKind(k);
                  show({ kind: k });
                }}
              >
                {KIND_LABELS[k]} ({summary.byKind[k]})
              </Button>
            ))}
          </fieldset>
          {summary.transitions.length > 0 && (
            <ul aria-label="Action changes" style={{ margin: 0, paddingLeft: 20 }}>
              {summary.transitions.slice(0, 8).map((t) => (
                <li key={`${t.from}-${t.to}`}>
                  <Text size={200}>
                    {absentLabel(t.from)} → {absentLabel(t.to)}: {plural(t.count, 'person')}
                  </Text>
                </li>
              ))}
            </ul>
          )}
          <div className={styles.row}>
            <Input
              contentBefore={<SearchRegular />}
              placeholder="Name or employee number"
              aria-label="Search the persons who differ"
              value={text}
              onChange={(_, d) => setText(d.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  show({ q: text });
                }
              }}
            />
            <Button size="small" onClick={() => show({ q: text })}>
              Search
            </Button>
          </div>
          {summary.truncated && (
            <Text size={200}>
              The first 10,000 persons by name are listed; the counts above are complete.
            </Text>
          )}
          <ErrorMessage error={loading.error} />
          <table className={styles.table} aria-busy={loading.busy}>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">{props.beforeLabel}</th>
                <th scope="col">{props.afterLabel}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr key={p.employeeNumber} data-testid="difference-row" data-employee={p.employeeNumber}>
                  <td>
                    <div className={styles.side}>
                      <Text weight="semibold">{p.displayName}</Text>
                      <Text size={200} className={styles.muted}>
                        {p.employeeNumber}
                      </Text>
                      {(p.before ?? p.after)?.accountId === null ? (
                        <Text size={200} className={styles.muted}>
                          No account yet
                        </Text>
                      ) : (
                        p.attributes
                          .filter((a) => a.current !== null)
                          .map((a) => (
                            <Text key={a.attribute} size={200} className={styles.muted}>
                              <AttributeName name={a.attribute} /> now:{' '}
                              {formatValue(a.current, zone, a.attribute)}
                            </Text>
                          ))
                      )}
                    </div>
                  </td>
                  <td>
                    <Side person={p} which="before" />
                  </td>
                  <td>
                    <Side person={p} which="after" />
                  </td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={3}>
                    <Text>No person matches.</Text>
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            label="persons who differ"
            onPage={(n) => show({ page: n })}
          />
        </>
      )}
    </div>
  );
}
