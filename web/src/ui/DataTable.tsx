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
import type { MouseEvent, ReactNode } from 'react';
import { LAPTOP, TABLE_ROLES, usePhoneListStyles } from './phone-list.ts';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** Fixed width of the column, in pixels. */
  readonly width?: number;
  /** Keep the cell on one line (identifiers such as an audit action). */
  readonly nowrap?: boolean;
  /**
   * Left out on a laptop-sized window (601–1279 px, the navigation still open), so the columns that
   * matter are not squeezed until their words break; a phone lists every column again.
   */
  readonly secondary?: boolean;
}

const useStyles = makeStyles({
  openable: { cursor: 'pointer' },
  // Columns share the width: a long address or account id wraps instead of running into the next one.
  cell: { overflowWrap: 'anywhere' },
  secondary: { [LAPTOP]: { display: 'none' } },
});

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
      className={phone.table}
      {...TABLE_ROLES.table}
    >
      <TableHeader {...TABLE_ROLES.rowgroup}>
        <TableRow {...TABLE_ROLES.row}>
          {props.columns.map((c) => (
            <TableHeaderCell
              key={c.header}
              {...TABLE_ROLES.header}
              {...(c.width === undefined ? {} : { style: { width: c.width } })}
              {...(c.secondary ? { className: styles.secondary } : {})}
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
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
