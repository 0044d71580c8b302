/**
 * Many rows per INSERT, written as SQL text once per shape and table instead of built by kysely per
 * statement: a run's items are thousands of rows, and compiling kysely's value nodes for them cost
 * more CPU than the database's own work. The text is the same for every full chunk, so SQLite
 * reuses its prepared statement (open.ts); on PostgreSQL a chunk is one round trip.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectName } from './context.ts';

/**
 * Bound parameters per statement: far below SQLite's 32,766 and PostgreSQL's 65,535. PostgreSQL's
 * work on one statement grows faster than its parameters: a run's 6,610 items (15 columns) took
 * ~300 ms of server CPU as statements of 500–1,500 parameters, ~460 ms at 2,000 and ~640 ms at
 * 4,000–8,000 (loaded machine; the same step was 330 ms → 190 ms from 16,000 down to 4,000).
 * Statements of a few dozen rows cost one local round trip each, and the next is made while the
 * server inserts the previous. SQLite's CPU is the same from 2,000 to 16,000 (47,000 tenant-cache
 * rows: 235–280 ms against 240–320 ms, interleaved, load ~10), but a statement's values live until it
 * is done, beside the next one's: at 16,000 a run's items outlived the young generation while the
 * unchanged list was made, and the old generation grew 24–26 MB while a 50,000-person run was
 * recorded, against 15 MB at 2,000 (issue 13, peak RSS).
 */
const MAX_PARAMETERS: Readonly<Record<DialectName, number>> = { sqlite: 2_000, postgres: 1_000 };

const texts = new Map<string, string>();

function insertText(dialect: DialectName, table: string, columns: readonly string[], rows: number): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${rows}`;
  const known = texts.get(key);
  if (known !== undefined) return known;
  const width = columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const slots: string[] = [];
    for (let c = 0; c < width; c++) slots.push(dialect === 'postgres' ? `$${r * width + c + 1}` : '?');
    tuples.push(`(${slots.join(',')})`);
  }
  const text = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`;
  if (texts.size > 64) texts.delete(texts.keys().next().value as string);
  texts.set(key, text);
  return text;
}

/**
 * Inserts `count` rows whose values `row(i)` gives in `columns` order, as few statements as the
 * parameter limit allows. Table and column names are the caller's constants, never input.
 *
 * `textColumn`: a text column of large strings (the tenant cache's JSON). On PostgreSQL each
 * statement's strings of it are sent as views of one buffer of their UTF-8 bytes instead. Sent as
 * strings, nearly all of them outlived the young generation: the old generation grew 30–43 MB while
 * a cold 50,000-person simulation wrote its 47,323 accounts (5 runs; SQLite's: 0), the same with
 * the next statement's values made only after the previous one was done, and with each string
 * flattened as soon as it was made; a full GC every 20 statements found only two statements'
 * values alive, so nothing holds them, they are promoted. As bytes: 4.7 MB, the heap's peak 240 →
 * 210 MB; with each statement's buffer freed once sent (`release`), peak RSS per person 5.09 → 4.26
 * KB (bench/heap-ab.ts, medians of 4 fresh processes each, interleaved, load 7–10), the write's CPU
 * the same (2,328 against 2,329 ms over 4 writes). SQLite would store a buffer as a blob: there the
 * strings stay.
 */
export async function insertRows<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  dialect: DialectName,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  count: number,
  row: (index: number) => readonly unknown[],
  textColumn?: number,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns.length));
  const bytes = dialect === 'postgres' && textColumn !== undefined;
  // The next statement's values are made while the database works on the previous one (PostgreSQL:
  // the server's insert and this thread's JSON overlap); statements still run one after another.
  let previous: Promise<unknown> = Promise.resolve();
  let sent: ArrayBuffer | undefined;
  let made: ArrayBuffer | undefined;
  for (let start = 0; start < count; start += perStatement) {
    const rows = Math.min(perStatement, count - start);
    const parameters: unknown[] = [];
    for (let i = start; i < start + rows; i++) for (const v of row(i)) parameters.push(v);
    if (bytes) made = asBytes(parameters, columns.length, textColumn);
    await previous;
    release(sent);
    sent = made;
    previous = db.executeQuery(CompiledQuery.raw(insertText(dialect, table, columns, rows), parameters));
  }
  await previous;
  release(sent);
}

/**
 * Frees a sent statement's bytes now: its views were promoted like the strings before them, and kept
 * every statement's buffer until the next full GC (external memory 47 MB when the cache was written
 * against 18 MB with strings; released, 21 MB).
 */
function release(sent: ArrayBuffer | undefined): void {
  // Transferred, the bytes belong to a new, unreferenced buffer, which the next scavenge frees.
  if (sent !== undefined) structuredClone(sent, { transfer: [sent] });
}

/**
 * Replaces the statement's strings in column `column` by views of one buffer holding their UTF-8
 * bytes. node-postgres sends a buffer in binary format, which for a text column is the text's UTF-8
 * bytes: the server stores the same text (test/service/tenant-memory.test.ts reads back every
 * character written, PostgreSQL and SQLite).
 */
function asBytes(parameters: unknown[], width: number, column: number): ArrayBuffer {
  let size = 0;
  for (let p = column; p < parameters.length; p += width) size += Buffer.byteLength(parameters[p] as string);
  const buffer = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (let p = column; p < parameters.length; p += width) {
    const end = offset + buffer.write(parameters[p] as string, offset);
    parameters[p] = buffer.subarray(offset, end);
    offset = end;
  }
  return buffer.buffer as ArrayBuffer;
}
