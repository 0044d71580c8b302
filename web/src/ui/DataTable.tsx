/**
 * A read-only table described by its columns. Rows can open a detail panel: the whole row is
 * clickable for the mouse, and the column that calls `open` holds a link, so keyboard users reach
 * the same panel with Tab and Enter.
 */
import {
  Link,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import { breakable } from './breakable.tsx';
import { LAPTOP, TABLE_ROLES, usePhoneListStyles } from './phone-list.ts';

/** Where every column is shown and the navigation is open: a column's `share` applies. */
const WIDE = '@media (min-width: 1280px)';
const SHARE = '--data-table-share';

/** Whether a column takes its share of the table from 1280 px: a share, and no fixed width. */
const isShared = (c: Column<unknown>): boolean => c.width === undefined && c.share !== undefined;

/** The header cell's width: fixed, or a share of the table from 1280 px (`styles.shared` reads the variable). */
function headerStyle(c: Column<unknown>): { readonly style?: CSSProperties } {
  if (c.width !== undefined) return { style: { width: c.width } };
  return isShared(c) ? { style: { [SHARE]: c.share } as CSSProperties } : {};
}

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** Fixed width of the column, in pixels. */
  readonly width?: number;
  /**
   * A column of sentences (a run item's why): from 1280 px this share of the table's width, growing
   * with the window. Below, where the table has less room than its columns' words, it shares what is
   * left with the other columns without a width, as before.
   */
  readonly share?: `${number}%`;
  /** Keep the cell on one line (identifiers such as an audit action). */
  readonly nowrap?: boolean;
  /**
   * Left out on a laptop-sized window (601–1279 px, the navigation still open), so the columns that
   * matter are not squeezed until their words break; a phone lists every column again.
   */
  readonly secondary?: boolean;
}

const useStyles = makeStyles({
  // Columns sized by what they hold where every column is shown (WIDE). Fluent's tables are `fixed`,
  // every column the same width: at 1280 px a user's e-mail address broke in two beside a Status
  // column four times its badge's width, and the audit log's sentences wrapped beside an Outcome
  // column as wide as themselves. Narrower, the words of all columns may not fit, and a table sized
  // by them grows past its card (a directory agent's "Revoke" at 1024 px); fixed, it shares the width.
  // A table with a column of sentences that takes a share (the run's items) stays fixed: sized by
  // content, its names took the width and left the why 109 px at 1024 px.
  byContent: { [WIDE]: { tableLayout: 'auto' } },
  openable: { cursor: 'pointer' },
  // Columns share the width: a long address or account id wraps instead of running into the next one,
  // at a space, a hyphen or a point `breakable` marks, and mid-word only where a word is wider than
  // its column ('anywhere' broke "contoso.n|l" where the line could have ended before "@contoso.nl").
  cell: { overflowWrap: 'break-word' },
  secondary: { [LAPTOP]: { display: 'none' } },
  shared: { [WIDE]: { width: `var(${SHARE})` } },
});

/** A cell of text may break an address it holds before "@" or ".", not at any letter. */
const cellContent = (content: ReactNode): ReactNode =>
  typeof content === 'string' ? breakable(content) : content;

/** A cell's link to the row's detail panel; it stops the click so the row does not open it twice. */
export function OpenLink(props: {
  readonly onOpen: () => void;
  readonly label?: string;
  readonly children: ReactNode;
}) {
  return (
    <Link
      onClick={(event) => {
        event.stopPropagation();
        props.onOpen();
      }}
      {...(props.label === undefined ? {} : { 'aria-label': props.label })}
    >
      {props.children}
    </Link>
  );
}

export function DataTable<T>(props: {
  readonly label: string;
  readonly testId: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** Opens the row's detail panel on a click anywhere in the row. */
  readonly onOpen?: (row: T) => void;
  /** `data-*` attributes that let tests and styles find a row. */
  readonly rowData?: (row: T) => Readonly<Record<`data-${string}`, string>>;
}) {
  const styles = useStyles();
  const phone = usePhoneListStyles();
  const { onOpen } = props;
  return (
    <Table
      aria-label={props.label}
      size="small"
      data-testid={props.testId}
      className={mergeClasses(
        !props.columns.some((c) => isShared(c as Column<unknown>)) && styles.byContent,
        phone.table,
      )}
      {...TABLE_ROLES.table}
    >
      <TableHeader {...TABLE_ROLES.rowgroup}>
        <TableRow {...TABLE_ROLES.row}>
          {props.columns.map((c) => (
            <TableHeaderCell
              key={c.header}
              {...TABLE_ROLES.header}
              {...headerStyle(c as Column<unknown>)}
              className={mergeClasses(
                c.secondary && styles.secondary,
                isShared(c as Column<unknown>) && styles.shared,
              )}
            >
              {c.header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody {...TABLE_ROLES.rowgroup}>
        {props.rows.map((row) => (
          <TableRow
            {...TABLE_ROLES.row}
            key={props.rowKey(row)}
            {...(onOpen
              ? {
                  className: styles.openable,
                  onClick: (event: MouseEvent<HTMLElement>) => {
                    // The row's link takes focus, so the panel hands focus back to this row when it
                    // closes (a row itself cannot hold focus).
                    event.currentTarget.querySelector<HTMLElement>('a, button')?.focus();
                    onOpen(row);
                  },
                }
              : {})}
            {...props.rowData?.(row)}
          >
            {props.columns.map((c) => (
              <TableCell
                key={c.header}
                {...TABLE_ROLES.cell}
                data-label={c.header}
                className={c.secondary ? mergeClasses(styles.cell, styles.secondary) : styles.cell}
                {...(c.nowrap ? { style: { whiteSpace: 'nowrap' } } : {})}
              >
                {cellContent(c.cell(row))}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
