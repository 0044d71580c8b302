/**
 * Scoping filters as Entra builds them: each filter is a group of clauses that must all hold
 * (AND); a person is in scope when any filter holds (OR). No filters means everyone is in scope.
 */
import { Button, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { SCOPE_LIMITS, SCOPE_OPERATORS, type ScopeOperator } from '../../api/contracts.ts';
import type { ScopeStep } from '../../api/dto.ts';

export type Filter = ScopeStep['scope']['filters'][number];
type Clause = Filter['clauses'][number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '10px 12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  groupHeader: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  clause: {
    display: 'grid',
    gridTemplateColumns: '40px 1fr 220px 1fr 32px',
    gap: '6px',
    alignItems: 'center',
  },
  joiner: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, textAlign: 'right' },
  or: { textAlign: 'center', color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
});

const OPERATOR_LABELS: Readonly<Record<ScopeOperator, string>> = {
  EQUALS: 'equals',
  NOT_EQUALS: 'does not equal',
  IS_NULL: 'is empty',
  IS_NOT_NULL: 'is not empty',
  IS_TRUE: 'is true',
  IS_FALSE: 'is false',
  REGEX_MATCH: 'matches pattern',
  NOT_REGEX_MATCH: 'does not match pattern',
  // "(comma separated)" is said in the value's box: the select cut it on a phone.
  INCLUDES: 'is one of',
  STARTS_WITH: 'starts with',
  ENDS_WITH: 'ends with',
  GREATER_THAN: 'is greater than',
  GREATER_THAN_OR_EQUALS: 'is at least',
  LESS_THAN: 'is less than',
};

/** Operators that compare with nothing: the value box is hidden. */
const NO_VALUE: ReadonlySet<ScopeOperator> = new Set(['IS_NULL', 'IS_NOT_NULL', 'IS_TRUE', 'IS_FALSE']);
export const needsValue = (op: ScopeOperator): boolean => !NO_VALUE.has(op);

const emptyClause = (): Clause => ({ attribute: '', operator: 'EQUALS', value: '' });

export function FilterBuilder(props: {
  readonly filters: readonly Filter[];
  readonly onChange: (filters: Filter[]) => void;
  readonly readOnly: boolean;
  /** What no filters means here (default: everyone is in scope). */
  readonly emptyText?: string;
}) {
  const styles = useStyles();
  const { filters } = props;
  const setClause = (f: number, c: number, clause: Clause) =>
    props.onChange(
      filters.map((filter, i) =>
        i === f ? { clauses: filter.clauses.map((x, j) => (j === c ? clause : x)) } : filter,
      ),
    );
  const removeClause = (f: number, c: number) =>
    props.onChange(
      filters
        .map((filter, i) => (i === f ? { clauses: filter.clauses.filter((_, j) => j !== c) } : filter))
        .filter((filter) => filter.clauses.length > 0),
    );

  return (
    <div className={styles.root} data-testid="filter-builder">
      {filters.length === 0 && (
        <Text>{props.emptyText ?? 'No filters: every employee in AFAS is in scope.'}</Text>
      )}
      {filters.map((filter, f) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: filters have no identity but their position
        <div key={f}>
          {f > 0 && <div className={styles.or}>OR</div>}
          <fieldset className={styles.group} aria-label={`Filter ${f + 1}`}>
            <div className={styles.groupHeader}>
              <Text weight="semibold">Filter {f + 1}</Text>
              {!props.readOnly && (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  onClick={() => props.onChange(filters.filter((_, i) => i !== f))}
                >
                  Remove filter
                </Button>
              )}
            </div>
            {filter.clauses.map((clause, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: clauses have no identity but their position
              <div key={c} className={styles.clause}>
                <span className={styles.joiner}>{c === 0 ? 'If' : 'and'}</span>
                <Input
                  value={clause.attribute}
                  onChange={(_, d) => setClause(f, c, { ...clause, attribute: d.value })}
                  placeholder="AFAS field, e.g. Werkgever"
                  aria-label={`Filter ${f + 1} clause ${c + 1} attribute`}
                />
                <Select
                  value={clause.operator}
                  onChange={(_, d) => {
                    const operator = d.value as ScopeOperator;
                    const { value: _v, ...rest } = clause;
                    setClause(
                      f,
                      c,
                      needsValue(operator)
                        ? { ...rest, operator, value: clause.value ?? '' }
                        : { ...rest, operator },
                    );
                  }}
                  aria-label={`Filter ${f + 1} clause ${c + 1} operator`}
                >
                  {SCOPE_OPERATORS.map((op) => (
                    <option key={op} value={op}>
                      {OPERATOR_LABELS[op]}
                    </option>
                  ))}
                </Select>
                {needsValue(clause.operator) ? (
                  <Input
                    value={clause.value ?? ''}
                    onChange={(_, d) => setClause(f, c, { ...clause, value: d.value })}
                    aria-label={`Filter ${f + 1} clause ${c + 1} value`}
                    placeholder={
                      clause.operator === 'INCLUDES' ? 'comma separated, e.g. Sales, Finance' : undefined
                    }
                  />
                ) : (
                  <span />
                )}
                {!props.readOnly ? (
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    onClick={() => removeClause(f, c)}
                    aria-label={`Remove clause ${c + 1} of filter ${f + 1}`}
                  />
                ) : (
                  <span />
                )}
              </div>
            ))}
            {!props.readOnly && (
              <div>
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<AddRegular />}
                  disabled={filter.clauses.length >= SCOPE_LIMITS.clauses}
                  title={
                    filter.clauses.length >= SCOPE_LIMITS.clauses
                      ? `A filter has at most ${SCOPE_LIMITS.clauses} clauses`
                      : undefined
                  }
                  onClick={() =>
                    props.onChange(
                      filters.map((x, i) => (i === f ? { clauses: [...x.clauses, emptyClause()] } : x)),
                    )
                  }
                >
                  Add clause (AND)
                </Button>
              </div>
            )}
          </fieldset>
        </div>
      ))}
      {!props.readOnly && (
        <div>
          <Button
            icon={<AddRegular />}
            disabled={filters.length >= SCOPE_LIMITS.filters}
            title={
              filters.length >= SCOPE_LIMITS.filters
                ? `A connection has at most ${SCOPE_LIMITS.filters} filters`
                : undefined
            }
            onClick={() => props.onChange([...filters, { clauses: [emptyClause()] }])}
          >
            {filters.length === 0 ? 'Add filter' : 'Add filter (OR)'}
          </Button>
        </div>
      )}
    </div>
  );
}
