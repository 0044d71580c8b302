/**
 * One person's result in a run, in a side panel as the admin center shows a user: what hrsync
 * decided and why (the steps, in the plain words the service makes from each step's reason, with the
 * engine's own detail one click away), and every attribute change old → new.
 */
import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { RunItem } from '../api/dto.ts';
import { AttributeName } from '../ui/AttributeName.tsx';
import { ItemStatusBadge } from '../ui/Badges.tsx';
import { breakable } from '../ui/breakable.tsx';
import { DetailDrawer } from '../ui/DetailDrawer.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatValue } from '../ui/format.ts';
import { ACTION_LABELS, ITEM_STEP_LABELS } from '../ui/labels.ts';
import { PropertyList } from '../ui/PropertyList.tsx';
import { PHONE, TABLE_ROLES, usePhoneListStyles } from '../ui/phone-list.ts';
import { RawDetail } from '../ui/RawDetail.tsx';
import { useTimeZone } from '../ui/time-zone.ts';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px', marginTop: '20px' },
  // An address breaks before its "@" or a "." of its domain (breakable), a word inside itself only where it
  // is wider than the column: 'anywhere' broke "daan.smit@contos" / "o.nl" at 1280 px.
  old: { color: tokens.colorNeutralForeground2, textDecoration: 'line-through', overflowWrap: 'break-word' },
  new: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'break-word' },
  steps: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '6px' },
  // On a phone each change is a card (phone-list.ts): its attribute, then "Old" and "New" each with the
  // card's width; the arrow between the columns says nothing there. Four columns left a value ~100 px.
  changes: {
    [PHONE]: {
      '& > tbody > tr > td[data-label]::before': { flex: '0 0 3em !important' },
      '& > tbody > tr > td[data-arrow]': { display: 'none' },
    },
  },
});

/** An item step in words; a step name this console does not know (a newer service) as it is. */
const stepLabel = (step: string): string =>
  Object.hasOwn(ITEM_STEP_LABELS, step) ? ITEM_STEP_LABELS[step as keyof typeof ITEM_STEP_LABELS] : step;

/** A manager is shown by name (with the employee number), other values as they are. */
function shown(
  item: RunItem,
  attribute: string,
  value: RunItem['changes'][number]['old'],
  zone: string,
): string {
  const name = attribute === 'manager' && typeof value === 'string' ? item.managerNames?.[value] : undefined;
  return name ? `${name} (${value})` : formatValue(value, zone, attribute);
}

export function RunItemDrawer(props: {
  readonly item: RunItem | undefined;
  readonly onClose: () => void;
  /** What can be done about the person (overrides, re-run), shown below the error. */
  readonly actions?: (item: RunItem) => ReactNode;
}) {
  const styles = useStyles();
  const phone = usePhoneListStyles();
  const zone = useTimeZone();
  return (
    <DetailDrawer
      item={props.item}
      title={(item) => item.displayName}
      onClose={props.onClose}
      testId="run-item-drawer"
    >
      {(item) => (
        <>
          <PropertyList
            items={[
              ['Employee number', item.employeeNumber],
              ['Action', ACTION_LABELS[item.action]],
              ['Status', <ItemStatusBadge key="s" status={item.status} />],
              // A failed person's why is the error box below, in the same words.
              ...(item.error ? [] : [['Why', item.reason] as const]),
              [
                'Account',
                item.account?.upn
                  ? `${item.account.upn}${item.account.displayName ? ` (${item.account.displayName})` : ''}`
                  : (item.accountId ?? 'No account'),
              ],
            ]}
          />
          {item.error && (
            <div className={styles.section}>
              {/* The service's words for what went wrong; Graph's or the engine's own text behind Details. */}
              <ErrorMessage
                error={
                  new ApiError(
                    0,
                    item.error.code,
                    item.reason ? `${item.reason.replace(/[.!?]$/, '')}.` : item.error.message,
                  )
                }
              />
              <div>
                <RawDetail detail={item.error.message} text={item.reason} />
              </div>
            </div>
          )}
          {props.actions?.(item)}
          <section className={styles.section} aria-label="Attribute changes">
            <Text weight="semibold" size={400}>
              Attribute changes
            </Text>
            {item.changes.length === 0 ? (
              <Text>No attribute changes.</Text>
            ) : (
              <Table
                size="small"
                aria-label="Attribute changes"
                data-testid="attribute-changes"
                className={mergeClasses(phone.table, styles.changes)}
                {...TABLE_ROLES.table}
              >
                <TableHeader {...TABLE_ROLES.rowgroup}>
                  <TableRow {...TABLE_ROLES.row}>
                    <TableHeaderCell {...TABLE_ROLES.header}>Attribute</TableHeaderCell>
                    <TableHeaderCell {...TABLE_ROLES.header}>Old</TableHeaderCell>
                    <TableHeaderCell style={{ width: 24 }} {...TABLE_ROLES.header}>
                      <span className="visually-hidden">becomes</span>
                    </TableHeaderCell>
                    <TableHeaderCell {...TABLE_ROLES.header}>New</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody {...TABLE_ROLES.rowgroup}>
                  {item.changes.map((c) => (
                    // One row per attribute, but a person may join several groups in one run.
                    <TableRow key={`${c.attribute}|${String(c.old)}|${String(c.new)}`} {...TABLE_ROLES.row}>
                      <TableCell {...TABLE_ROLES.cell}>
                        <AttributeName name={c.attribute} />
                      </TableCell>
                      <TableCell data-label="Old" {...TABLE_ROLES.cell}>
                        <span className={styles.old}>{breakable(shown(item, c.attribute, c.old, zone))}</span>
                      </TableCell>
                      <TableCell data-arrow="" {...TABLE_ROLES.cell}>
                        <ArrowRightRegular aria-label="becomes" />
                      </TableCell>
                      <TableCell data-label="New" {...TABLE_ROLES.cell}>
                        <span className={styles.new}>{breakable(shown(item, c.attribute, c.new, zone))}</span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
          <section className={styles.section} aria-label="Steps">
            <Text weight="semibold" size={400}>
              Steps
            </Text>
            {item.steps.length === 0 ? (
              <Text>No steps recorded.</Text>
            ) : (
              <ol className={styles.steps}>
                {item.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed sequence
                  <li key={i}>
                    <Text weight="semibold">{stepLabel(s.step)}</Text> <ItemStatusBadge status={s.status} />
                    <br />
                    <Text size={200} data-testid="step-text">
                      {s.text}
                    </Text>
                    <RawDetail detail={s.message} text={s.text} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </DetailDrawer>
  );
}
