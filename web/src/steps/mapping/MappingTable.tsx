/**
 * The attribute mappings: per target attribute its type (direct, constant, expression, none), the
 * source field, value or expression, when it applies (always, or only when the account is
 * created) and the default when the result is empty. Expressions open in the expression editor.
 */
import {
  Button,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, MathFormulaRegular } from '@fluentui/react-icons';
import type { Configuration, MappingStep } from '../../api/dto.ts';
import { TABLE_ROLES, usePhoneListStyles } from '../../ui/phone-list.ts';

export type Rule = MappingStep['mapping'][number];
export interface RuleRow {
  readonly key: number;
  readonly rule: Rule;
}

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  sourceCell: { display: 'flex', gap: '4px', alignItems: 'center' },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, marginTop: '2px' },
});

const TYPES: readonly { readonly value: Rule['type']; readonly label: string }[] = [
  { value: 'direct', label: 'Direct' },
  { value: 'constant', label: 'Constant' },
  { value: 'expression', label: 'Expression' },
  { value: 'none', label: 'None' },
];

const SOURCE_PLACEHOLDER: Readonly<Record<Rule['type'], string>> = {
  direct: 'AFAS field, e.g. Roepnaam',
  constant: 'value, e.g. NL',
  expression: 'e.g. Join(".", [Roepnaam], [Geboortenaam])',
  none: 'not set by hrsync',
};

type TargetLimits = Configuration['targetLimits'];
const POLICY_LABELS = { shorten: 'shorten', fail: 'fail' } as const;

/** "If too long": the mapping's choice, or the destination's default for the attribute (shown). */
function TooLongSelect(props: {
  readonly rule: Rule;
  readonly limit: TargetLimits[string] | undefined;
  readonly onChange: (value: Rule['onTooLong'] | undefined) => void;
}) {
  const { rule, limit } = props;
  if (!limit && rule.onTooLong === undefined)
    return <span title="The destination sets no length limit">No limit</span>;
  const size = limit?.maxLength
    ? `${limit.maxLength} characters`
    : limit?.maxValues
      ? `${limit.maxValues} value(s)`
      : '';
  return (
    <Select
      value={rule.onTooLong ?? ''}
      onChange={(_, d) => props.onChange(d.value === '' ? undefined : (d.value as Rule['onTooLong']))}
      aria-label={`If ${rule.target} is too long`}
      title={`At most ${size || 'what the destination allows'}; by default ${limit?.onTooLong === 'fail' ? 'the person fails (shown in the simulation)' : 'the value is shortened (shown as a warning)'}`}
      data-testid={`too-long-${rule.target}`}
    >
      <option value="">
        Default: {limit ? POLICY_LABELS[limit.onTooLong] : 'shorten'}
        {size ? ` (max ${size})` : ''}
      </option>
      <option value="shorten">Shorten</option>
      <option value="fail">Fail the person</option>
    </Select>
  );
}

export function MappingTable(props: {
  readonly rows: readonly RuleRow[];
  /** The destination's length limits and defaults per attribute (from the service). */
  readonly targetLimits: TargetLimits;
  readonly targetSuggestions: readonly string[];
  /** A friendly label for a target attribute ("Last name" for AD's sn), shown beside its name. */
  readonly labelOf?: (attribute: string) => string | undefined;
  readonly readOnly: boolean;
  readonly onChange: (rows: RuleRow[]) => void;
  readonly onEditExpression: (key: number) => void;
  readonly onAdd: () => void;
}) {
  const styles = useStyles();
  const phone = usePhoneListStyles();
  const update = (key: number, patch: Partial<Rule>) =>
    props.onChange(props.rows.map((r) => (r.key === key ? { key, rule: { ...r.rule, ...patch } } : r)));

  return (
    <div className={styles.wrap}>
      <datalist id="target-attributes">
        {props.targetSuggestions.map((a) => (
          <option key={a} value={a} label={props.labelOf?.(a) ? `${props.labelOf(a)} · ${a}` : undefined} />
        ))}
      </datalist>
      <Table
        aria-label="Attribute mappings"
        size="small"
        style={{ minWidth: 1180 }}
        className={mergeClasses(phone.table, phone.fields)}
        data-testid="mapping-table"
        {...TABLE_ROLES.table}
      >
        <TableHeader {...TABLE_ROLES.rowgroup}>
          <TableRow {...TABLE_ROLES.row}>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 190 }}>
              Target attribute
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 130 }}>
              Type
            </TableHeaderCell>
            <TableHeaderCell>Source or expression</TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 150 }}>
              Apply
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 150 }}>
              Default when empty
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 200 }}>
              If too long
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 48 }}>
              <span className="visually-hidden">Remove</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody {...TABLE_ROLES.rowgroup}>
          {props.rows.map(({ key, rule }) => (
            <TableRow {...TABLE_ROLES.row} key={key} data-target={rule.target}>
              <TableCell {...TABLE_ROLES.cell} data-label="Target attribute">
                <Input
                  value={rule.target}
                  onChange={(_, d) => update(key, { target: d.value })}
                  aria-label="Target attribute"
                  input={{ list: 'target-attributes' }}
                  style={{ width: '100%' }}
                />
                {props.labelOf?.(rule.target) && (
                  <div className={styles.label} data-testid="attribute-label">
                    {props.labelOf(rule.target)} · {rule.target}
                  </div>
                )}
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Type">
                <Select
                  value={rule.type}
                  onChange={(_, d) => update(key, { type: d.value as Rule['type'] })}
                  aria-label={`Type of ${rule.target}`}
                >
                  {TYPES.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </Select>
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Source or expression">
                <div className={styles.sourceCell}>
                  <Input
                    value={rule.type === 'none' ? '' : (rule.source ?? '')}
                    disabled={rule.type === 'none'}
                    onChange={(_, d) => update(key, { source: d.value })}
                    aria-label={`Source of ${rule.target}`}
                    placeholder={SOURCE_PLACEHOLDER[rule.type]}
                    className={rule.type === 'expression' ? styles.mono : undefined}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  {rule.type === 'expression' && (
                    <Tooltip content={`Edit and test the expression for ${rule.target}`} relationship="label">
                      <Button
                        appearance="subtle"
                        icon={<MathFormulaRegular />}
                        onClick={() => props.onEditExpression(key)}
                        data-testid={`edit-expression-${rule.target}`}
                      />
                    </Tooltip>
                  )}
                </div>
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Apply">
                <Select
                  value={rule.apply}
                  onChange={(_, d) => update(key, { apply: d.value as Rule['apply'] })}
                  aria-label={`When to apply ${rule.target}`}
                >
                  <option value="always">Always</option>
                  <option value="create">On create only</option>
                </Select>
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Default when empty">
                <Input
                  value={rule.default ?? ''}
                  onChange={(_, d) => {
                    const { default: _old, ...rest } = rule;
                    props.onChange(
                      props.rows.map((r) =>
                        r.key === key ? { key, rule: d.value ? { ...rest, default: d.value } : rest } : r,
                      ),
                    );
                  }}
                  aria-label={`Default of ${rule.target}`}
                  style={{ width: '100%' }}
                />
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="If too long">
                <TooLongSelect
                  rule={rule}
                  limit={props.targetLimits[rule.target]}
                  onChange={(value) => {
                    const { onTooLong: _old, ...rest } = rule;
                    props.onChange(
                      props.rows.map((r) =>
                        r.key === key ? { key, rule: value ? { ...rest, onTooLong: value } : rest } : r,
                      ),
                    );
                  }}
                />
              </TableCell>
              <TableCell {...TABLE_ROLES.cell}>
                {!props.readOnly && (
                  <Tooltip
                    content={`Remove the mapping of ${rule.target || 'this attribute'}`}
                    relationship="label"
                  >
                    <Button
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      onClick={() => props.onChange(props.rows.filter((r) => r.key !== key))}
                    />
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!props.readOnly && (
        <Button icon={<AddRegular />} appearance="subtle" onClick={props.onAdd} style={{ marginTop: 8 }}>
          Add mapping
        </Button>
      )}
    </div>
  );
}
