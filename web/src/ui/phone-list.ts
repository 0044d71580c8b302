/**
 * Tables that become readable lists on a phone. Below 600 px a table's rows stack as cards: each
 * cell on its own line, led by its column's name (the cell's `data-label`), the header row kept
 * for screen readers but not shown. Explicit roles keep the table's meaning for assistive
 * technology once the cells no longer lay out as a table.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const PHONE = '@media (max-width: 600px)';
/** The narrowest phones still in use (320 px): a label and its field no longer fit on one line. */
export const SMALL_PHONE = '@media (max-width: 400px)';
/** A laptop-sized window with the navigation open: tables leave out their secondary columns. */
export const LAPTOP = '@media (min-width: 601px) and (max-width: 1279px)';

export const usePhoneListStyles = makeStyles({
  table: {
    [PHONE]: {
      display: 'block',
      minWidth: '0 !important',
      width: '100%',
      '& > thead': {
        position: 'absolute',
        width: '1px',
        height: '1px',
        overflow: 'hidden',
        clipPath: 'inset(50%)',
        whiteSpace: 'nowrap',
      },
      '& > tbody': { display: 'block' },
      '& > tbody > tr': {
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'stretch',
        gap: '4px',
        height: 'auto',
        padding: '10px 4px',
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      },
      '& > tbody > tr > td': {
        display: 'flex',
        alignItems: 'center',
        gap: '8px',
        height: 'auto',
        minHeight: '24px',
        padding: 0,
        width: 'auto !important',
        whiteSpace: 'normal !important',
        overflowWrap: 'anywhere',
      },
      '& > tbody > tr > td > *': { minWidth: 0 },
      '& > tbody > tr > td[data-label]::before': {
        content: 'attr(data-label)',
        flex: '0 0 38%',
        color: tokens.colorNeutralForeground2,
        fontWeight: tokens.fontWeightRegular,
      },
      // A cell without a value (an empty remove column, a hidden radio) takes no line.
      '& > tbody > tr > td:empty': { display: 'none' },
    },
  },
  /**
   * For tables of form fields: each field takes the width beside its label; on the narrowest
   * phones, where that left a select too narrow for "Expression", the label goes above the field.
   */
  fields: {
    [PHONE]: { '& > tbody > tr > td > *': { flex: '1 1 0' } },
    [SMALL_PHONE]: {
      '& > tbody > tr > td[data-label]': { flexWrap: 'wrap' },
      // !important: Griffel may insert the table's own phone rule (flex 0 0 38%) after this one.
      '& > tbody > tr > td[data-label]::before': { flex: '1 1 100% !important' },
    },
  },
});

/** The roles a table keeps when a phone shows it as a list (see `usePhoneListStyles`). */
export const TABLE_ROLES = {
  table: { role: 'table' },
  rowgroup: { role: 'rowgroup' },
  row: { role: 'row' },
  header: { role: 'columnheader' },
  cell: { role: 'cell' },
} as const;
