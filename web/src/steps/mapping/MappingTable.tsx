/**
 * The attribute mappings: per target attribute its type (direct, constant, expression, none), the
 * source field, value or expression, when it applies (always, or only when the account is
 * created) and the default when the result is empty. Expressions open in the expression editor.
 *
 * Each mapping is two rows: its main fields, and a detail line under them (the default when empty,
 * what happens when the value is too long) beside the target's label. Seven columns side by side
 * were 1,180 px wide, which a laptop with the navigation open (about 700 px for the table) could
 * only scroll; on a phone both rows make one card.
 */
import {
  Button,
  Field,
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
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { LIST_LIMITS } from '../../api/contracts.ts';
import type { Configuration, MappingStep } from '../../api/dto.ts';
import { parseExpression } from '../../api/expressions.ts';
import { plural } from '../../ui/format.ts';
import { PHONE, SMALL_PHONE, TABLE_ROLES, usePhoneListStyles } from '../../ui/phone-list.ts';

export type Rule = MappingStep['mapping'][number];
export interface RuleRow {
  readonly key: number;
  readonly rule: Rule;
}

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  sourceCell: { display: 'flex', gap: '4px', alignItems: 'flex-start' },
  sourceField: { flex: 1, minWidth: 0 },
  label: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    marginTop: '2px',
    overflowWrap: 'anywhere',
  },
  target: { display: 'flex', flexDirection: 'column', minWidth: 0, width: '100%' },
  /** The target spans a mapping's two rows, its label beside the detail line; it starts at the top. */
  spanned: { verticalAlign: 'top', paddingTop: '6px' },
  /** A mapping's main row: on a phone its card goes on in the detail row under it. */
  main: {
    borderBottomColor: 'transparent',
    ':hover': { backgroundColor: 'transparent' },
    [PHONE]: { borderBottomWidth: '0 !important' },
  },
  detail: {
    ':hover': { backgroundColor: 'transparent' },
    '& > td': { height: 'auto', paddingTop: '2px', paddingBottom: '10px' },
    [PHONE]: { paddingTop: '0 !important' },
  },
  details: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: '16px',
    rowGap: '6px',
    [PHONE]: { flexDirection: 'column', alignItems: 'stretch', width: '100%' },
  },
  detailField: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    minWidth: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    // On a phone, laid out as the card's other lines: the words in 38%, the field beside them.
    [PHONE]: {
      display: 'grid',
      gridTemplateColumns: '38% minmax(0, 1fr)',
      fontSize: tokens.fontSizeBase300,
      '& > :last-child': { width: '100%', minWidth: 0, maxWidth: 'none' },
    },
    // !important: the two media rules are equally specific and Griffel does not keep their order.
    [SMALL_PHONE]: { gridTemplateColumns: 'minmax(0, 1fr) !important', rowGap: '4px' },
  },
  defaultInput: { width: '96px' },
  // Beside the row a bin says enough. On a phone a bare bin stood alone between two lines of a card
  // and did not say which mapping it deletes: there the card ends with a button in words instead.
  wideOnly: { [PHONE]: { display: 'none !important' } },
  phoneOnly: { display: 'none', [PHONE]: { display: 'inline-flex', alignSelf: 'flex-start' } },
  tooLong: { maxWidth: '300px' },
  // Beside the navigation a laptop gives the table about 940 px: half Fluent's 8 px on either side of
  // each cell leaves the AFAS field its room once the target is as wide as its longest name.
  tight: {
    '@media (min-width: 601px)': {
      '& > thead > tr > th, & > tbody > tr > td': { paddingLeft: '4px', paddingRight: '4px' },
    },
  },
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

/** What an empty source needs, by the rule's type. */
const EMPTY_SOURCE: Readonly<Record<Exclude<Rule['type'], 'none'>, string>> = {
  direct: 'Enter the AFAS field to copy, such as Roepnaam, or choose type None.',
  constant: 'Enter the value, such as NL, or choose type None.',
  expression: 'Enter an expression, or choose type None.',
};

/**
 * What is wrong with a rule's source, said at its field as it is typed: empty; a formula typed as a
 * Direct source (read as a field of that whole name, which no AFAS row has, so the simulation failed);
 * an expression that does not parse ("expected ')' at column 21", by the engine's own parser).
 */
export function sourceProblem(rule: Rule): string | undefined {
  if (rule.type === 'none') return undefined;
  const source = rule.source?.trim() ?? '';
  if (!source) return EMPTY_SOURCE[rule.type];
  if (rule.type === 'direct' && /[[\]()"]/.test(source))
    return 'Direct copies one AFAS field, such as Roepnaam: for a formula, choose type Expression.';
  if (rule.type !== 'expression') return undefined;
  const parsed = parseExpression(source);
  return parsed.ok ? undefined : parsed.error.message;
}

/**
 * The delete button's name, "Delete mapping rule 4 (mail)": numbered as the service's messages
 * number the rules ("Mapping rule 4 › Source or expression"), and named after the attribute.
 */
const deleteLabel = (index: number, rule: Rule): string =>
  `Delete mapping rule ${index + 1}${rule.target.trim() ? ` (${rule.target.trim()})` : ''}`;

type TargetLimits = Configuration['targetLimits'];
const POLICY_LABELS = { shorten: 'shorten', fail: 'fail' } as const;

/**
 * The destination's limit for an attribute in words, for the field's label ("If longer than 64
 * characters"): the limit is said there, not in the select, whose closed box shows one line and cut
 * "Default: fail (max 256 characters)" to "Default: fail (ma" on a phone.
 */
const tooLongWords = (limit: TargetLimits[string] | undefined, target?: string): string => {
  const who = target ? ` ${target}` : '';
  if (limit?.maxLength) return `If${who} ${target ? 'is ' : ''}longer than ${limit.maxLength} characters`;
  if (limit?.maxValues)
    return `If${who} ${target ? 'has ' : ''}more than ${plural(limit.maxValues, 'value')}`;
  return `If${who} ${target ? 'is ' : ''}too long`;
};

/** "If too long": the mapping's choice, or the destination's default for the attribute (shown). */
function TooLongSelect(props: {
  readonly rule: Rule;
  readonly limit: TargetLimits[string] | undefined;
  readonly onChange: (value: Rule['onTooLong'] | undefined) => void;
  readonly className: string;
}) {
  const { rule, limit } = props;
  if (!limit && rule.onTooLong === undefined)
    return <span title="The destination sets no length limit">No limit</span>;
  const size = limit?.maxLength
    ? `${limit.maxLength} characters`
    : limit?.maxValues
      ? plural(limit.maxValues, 'value')
      : '';
  return (
    <Select
      className={props.className}
      value={rule.onTooLong ?? ''}
      onChange={(_, d) => props.onChange(d.value === '' ? undefined : (d.value as Rule['onTooLong']))}
      aria-label={tooLongWords(limit, rule.target)}
      title={`At most ${size || 'what the destination allows'}; by default ${limit?.onTooLong === 'fail' ? 'the person fails (shown in the simulation)' : 'the value is shortened (shown as a warning)'}`}
      data-testid={`too-long-${rule.target}`}
    >
      <option value="">Default: {limit ? POLICY_LABELS[limit.onTooLong] : 'shorten'}</option>
      <option value="shorten">Shorten</option>
      <option value="fail">Fail the person</option>
    </Select>
  );
}

/** The target field's label, by which the column's fit is measured. */
const TARGET_LABEL = 'Target attribute';

/**
 * The target column's width: 22% of the table, or wider where a name would be cut at 22% (a laptop cut
 * "employeeLeaveDateTime" to "employeeLeaveDateTir"), at most 40% so the AFAS field keeps room. Measured
 * on the page (a canvas picked another font), in pixels: Chromium's fixed table layout ignores a width
 * of `max(22%, …px)` and shared the room out evenly, which cut the AFAS fields instead.
 */
function useTargetColumnWidth(around: RefObject<HTMLDivElement | null>, longest: string): string {
  const [width, setWidth] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again when the longest name changes
  useLayoutEffect(() => {
    // Fluent's Table takes no ref of ours (its type is Ref<never>): the table is found inside.
    const element = around.current?.querySelector('table');
    if (!element) return;
    const fit = () => {
      const header = element.querySelector('th');
      const inputs = Array.from(element.querySelectorAll(`input[aria-label="${TARGET_LABEL}"]`));
      if (!header || inputs.length === 0) return;
      // What the fields lack at 22% (set for the measurement, then as React had it), added to 22%.
      const before = header.style.width;
      header.style.width = '22%';
      const lacking = Math.max(0, ...inputs.map((i) => i.scrollWidth - i.clientWidth));
      const style = getComputedStyle(header);
      const content =
        header.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      header.style.width = before;
      setWidth(lacking > 0 ? Math.min(content + lacking, element.clientWidth * 0.4) : undefined);
    };
    fit();
    let seen = element.clientWidth;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth === seen) return;
      seen = element.clientWidth;
      fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [around, longest]);
  return width === undefined ? '22%' : `${Math.ceil(width)}px`;
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
  const longest = props.rows.reduce((a, r) => (r.rule.target.length > a.length ? r.rule.target : a), '');
  const around = useRef<HTMLDivElement>(null);
  const targetWidth = useTargetColumnWidth(around, longest);
  const update = (key: number, patch: Partial<Rule>) =>
    props.onChange(props.rows.map((r) => (r.key === key ? { key, rule: { ...r.rule, ...patch } } : r)));
  const remove = (key: number) => props.onChange(props.rows.filter((r) => r.key !== key));

  return (
    <div ref={around}>
      <datalist id="target-attributes">
        {props.targetSuggestions.map((a) => (
          <option key={a} value={a} label={props.labelOf?.(a) ? `${props.labelOf(a)} · ${a}` : undefined} />
        ))}
      </datalist>
      <Table
        aria-label="Attribute mappings"
        size="small"
        className={mergeClasses(phone.table, phone.fields, styles.tight)}
        data-testid="mapping-table"
        {...TABLE_ROLES.table}
      >
        <TableHeader {...TABLE_ROLES.rowgroup}>
          <TableRow {...TABLE_ROLES.row}>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: targetWidth }}>
              Target attribute
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 128 }}>
              Type
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header}>Source or expression</TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 156 }}>
              Apply
            </TableHeaderCell>
            <TableHeaderCell {...TABLE_ROLES.header} style={{ width: 40 }}>
              <span className="visually-hidden">Delete</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody {...TABLE_ROLES.rowgroup}>
          {props.rows.map(({ key, rule }, index) => [
            <TableRow {...TABLE_ROLES.row} key={key} data-target={rule.target} className={styles.main}>
              <TableCell
                {...TABLE_ROLES.cell}
                data-label="Target attribute"
                rowSpan={2}
                className={styles.spanned}
              >
                <div className={styles.target}>
                  <Input
                    value={rule.target}
                    onChange={(_, d) => update(key, { target: d.value })}
                    aria-label={TARGET_LABEL}
                    input={{ list: 'target-attributes' }}
                    style={{ width: '100%' }}
                  />
                  {props.labelOf?.(rule.target) && (
                    <div className={styles.label} data-testid="attribute-label">
                      {props.labelOf(rule.target)}
                      {'\u00a0'}· {rule.target}
                    </div>
                  )}
                </div>
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
                  <Field
                    className={styles.sourceField}
                    validationState={sourceProblem(rule) ? 'error' : 'none'}
                    validationMessage={sourceProblem(rule) ?? null}
                  >
                    <Input
                      value={rule.type === 'none' ? '' : (rule.source ?? '')}
                      disabled={rule.type === 'none'}
                      onChange={(_, d) => update(key, { source: d.value })}
                      aria-label={`Source of ${rule.target}`}
                      placeholder={SOURCE_PLACEHOLDER[rule.type]}
                      className={rule.type === 'expression' ? styles.mono : undefined}
                      style={{ minWidth: 0 }}
                    />
                  </Field>
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
              <TableCell {...TABLE_ROLES.cell} className={styles.wideOnly}>
                {!props.readOnly && (
                  <Tooltip content={deleteLabel(index, rule)} relationship="label">
                    <Button appearance="subtle" icon={<DeleteRegular />} onClick={() => remove(key)} />
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>,
            <TableRow {...TABLE_ROLES.row} key={`${key}-detail`} className={styles.detail}>
              <TableCell {...TABLE_ROLES.cell} colSpan={4}>
                <div className={styles.details}>
                  {/* biome-ignore lint/a11y/noLabelWithoutControl: the field inside is the control */}
                  <label className={styles.detailField}>
                    <span>Default when empty</span>
                    <Input
                      className={styles.defaultInput}
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
                    />
                  </label>
                  {/* biome-ignore lint/a11y/noLabelWithoutControl: the field inside is the control */}
                  <label className={styles.detailField}>
                    <span>{tooLongWords(props.targetLimits[rule.target])}</span>
                    <TooLongSelect
                      className={styles.tooLong}
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
                  </label>
                  {!props.readOnly && (
                    <Button
                      className={styles.phoneOnly}
                      icon={<DeleteRegular />}
                      onClick={() => remove(key)}
                      aria-label={deleteLabel(index, rule)}
                    >
                      Delete mapping rule {index + 1}
                    </Button>
                  )}
                </div>
              </TableCell>
            </TableRow>,
          ])}
        </TableBody>
      </Table>
      {!props.readOnly && (
        <Button
          icon={<AddRegular />}
          appearance="subtle"
          onClick={props.onAdd}
          disabled={props.rows.length >= LIST_LIMITS.mapping}
          title={
            props.rows.length >= LIST_LIMITS.mapping
              ? `A connection has at most ${LIST_LIMITS.mapping} mapping rules`
              : undefined
          }
          style={{ marginTop: 8 }}
        >
          Add mapping
        </Button>
      )}
    </div>
  );
}
