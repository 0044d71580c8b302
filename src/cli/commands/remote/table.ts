/** Plain-text tables and property lists for the terminal: columns padded to their widest cell. */

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
}

/** Characters as the terminal shows them: "Ë" is one, whether composed or not. */
const width = (text: string): number => [...text.normalize('NFC')].length;
const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));
/** A cell is one line: a multi-line message would break every column after it. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ⏎ ');

export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string[] {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : pad(v, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)];
}

/** `label:  value` lines with the values aligned; rows whose value is undefined are left out. */
export function formatProperties(rows: readonly (readonly [string, string | undefined])[]): string[] {
  const shown = rows.filter((r): r is readonly [string, string] => r[1] !== undefined);
  const labelWidth = Math.max(0, ...shown.map(([label]) => width(label) + 1));
  return shown.map(([label, value]) => `${pad(`${label}:`, labelWidth)}  ${value}`);
}

/** "items 1–50 of 230 (--page 2 for more)": where a paged listing is, and how to go on. */
export function pageFooter(what: string, page: { page: number; pageSize: number; total: number }): string {
  if (page.total === 0) return `no ${what}`;
  const first = (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  if (first > page.total) return `no ${what} on page ${page.page}; there are ${page.total}`;
  const more = last < page.total ? ` (--page ${page.page + 1} for more)` : '';
  return `${what} ${first}–${last} of ${page.total}${more}`;
}
