/**
 * An ordered list the administrator can reorder with buttons (keyboard-friendly, unlike
 * drag-and-drop): matching precedence, primary-employment criteria, unique-name candidates.
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { PHONE } from './phone-list.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    padding: '4px 8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  position: { width: '20px', color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  content: { flex: 1, minWidth: 0 },
  buttons: { display: 'flex', gap: '8px' },
  // On a phone a field takes its row and its buttons go below it, on the right: beside three buttons
  // a unique-name candidate's field was 91 px wide at 390 px and showed `Join("."` only.
  fieldItem: { [PHONE]: { flexWrap: 'wrap', rowGap: '0' } },
  fieldContent: { [PHONE]: { flexBasis: 'calc(100% - 28px)' } },
  fieldButtons: { [PHONE]: { marginLeft: 'auto' } },
});

export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function OrderedList<T>(props: {
  readonly items: readonly T[];
  readonly label: string;
  readonly render: (item: T, index: number) => ReactNode;
  readonly describe: (item: T) => string;
  readonly onChange: (items: T[]) => void;
  readonly readOnly?: boolean;
  /** The list may not become empty (the service requires at least one). */
  readonly keepOne?: boolean;
  /** Each item is a field to type in: on a phone it takes the whole row, its buttons below it. */
  readonly fields?: boolean;
}) {
  const styles = useStyles();
  const { items } = props;
  const fields = props.fields === true;
  return (
    <ol className={styles.list} aria-label={props.label}>
      {items.map((item, i) => (
        // Items are reordered, so the index is the only stable key a plain list has.
        // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity in an ordered list
        <li key={i} className={mergeClasses(styles.item, fields && styles.fieldItem)}>
          <Text className={styles.position}>{i + 1}.</Text>
          <div className={mergeClasses(styles.content, fields && styles.fieldContent)}>
            {props.render(item, i)}
          </div>
          {!props.readOnly && (
            <div className={mergeClasses(styles.buttons, fields && styles.fieldButtons)}>
              <Button
                size="small"
                appearance="subtle"
                icon={<ArrowUpRegular />}
                disabled={i === 0}
                onClick={() => props.onChange(move(items, i, i - 1))}
                aria-label={`Move ${props.describe(item)} up`}
              />
              <Button
                size="small"
                appearance="subtle"
                icon={<ArrowDownRegular />}
                disabled={i === items.length - 1}
                onClick={() => props.onChange(move(items, i, i + 1))}
                aria-label={`Move ${props.describe(item)} down`}
              />
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                disabled={props.keepOne === true && items.length === 1}
                onClick={() => props.onChange(items.filter((_, j) => j !== i))}
                aria-label={`Remove ${props.describe(item)}`}
              />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
