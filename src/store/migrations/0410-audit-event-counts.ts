import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Stored counts of the audit log (issue 13 item 4): how many events each organisation has per hour,
 * per day and per month (`bucket` = the first `level` characters of the event's ISO time: 13, 10, 7),
 * for each combination of the columns the API filters on besides time, run and person (connection,
 * action, outcome, actor). The database keeps them as events are written and pruned — a trigger in
 * the same statement as the insert or delete — so no path that writes the log can leave them wrong.
 * A count is then a sum over a few hundred rows instead of a walk over every matching event, and a
 * deep page jumps to the hour that holds its offset (repositories/audit.ts). Absent values are ''
 * (a filter's value never is). PostgreSQL counts once per statement (a transition table, grouped and
 * upserted in key order); SQLite, with one writer, per row.
 */
const LEVELS = [7, 10, 13] as const;
const levels = `(${LEVELS.map((l) => `SELECT ${l} AS level`).join(' UNION ALL ')})`;
const KEY = 'organisation_id, level, bucket, connection_id, action, outcome, actor_id, actor_name';

export const auditEventCounts = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    const table = db.schema
      .createTable('audit_event_counts')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('connection_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('n', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_event_counts_pk', [
        'organisation_id',
        'level',
        'bucket',
        'connection_id',
        'action',
        'outcome',
        'actor_id',
        'actor_name',
      ] as never);
    await (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();

    const grouped = (from: string) =>
      sql.raw(`
      SELECT e.organisation_id, l.level, substr(e.at, 1, l.level), coalesce(e.connection_id, ''),
             e.action, e.outcome, coalesce(e.actor_id, ''), e.actor_name, count(*) AS n
      FROM ${from} e CROSS JOIN ${levels} l
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
    // The events already written.
    await sql`INSERT INTO audit_event_counts (${sql.raw(KEY)}, n) ${grouped('audit_events')}`.execute(db);

    if (dialect === 'postgres') {
      await sql`
        CREATE FUNCTION hrsync_audit_events_added() RETURNS trigger AS $$
        BEGIN
          INSERT INTO audit_event_counts AS c (${sql.raw(KEY)}, n)
          ${grouped('added')} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
          ON CONFLICT (${sql.raw(KEY)}) DO UPDATE SET n = c.n + excluded.n;
          RETURN NULL;
        END;
        $$ LANGUAGE plpgsql`.execute(db);
      const matches = sql.raw(
        KEY.split(', ')
          .map((k) => `c.${k} = d.${k}`)
          .join(' AND '),
      );
      const removed = sql.raw(`
          SELECT e.organisation_id, l.level, substr(e.at, 1, l.level) AS bucket,
                 coalesce(e.connection_id, '') AS connection_id, e.action, e.outcome,
                 coalesce(e.actor_id, '') AS actor_id, e.actor_name, count(*) AS n
          FROM removed e CROSS JOIN ${levels} l
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
      await sql`
        CREATE FUNCTION hrsync_audit_events_removed() RETURNS trigger AS $$
        BEGIN
          UPDATE audit_event_counts c SET n = c.n - d.n FROM (${removed}) d WHERE ${matches};
          DELETE FROM audit_event_counts c USING (${removed}) d WHERE ${matches} AND c.n <= 0;
          RETURN NULL;
        END;
        $$ LANGUAGE plpgsql`.execute(db);
      await sql`
        CREATE TRIGGER audit_events_counted_insert AFTER INSERT ON audit_events
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hrsync_audit_events_added()`.execute(
        db,
      );
      await sql`
        CREATE TRIGGER audit_events_counted_delete AFTER DELETE ON audit_events
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hrsync_audit_events_removed()`.execute(
        db,
      );
      return;
    }
    const values = (row: 'NEW' | 'OLD', level: number) =>
      `${row}.organisation_id, ${level}, substr(${row}.at, 1, ${level}), coalesce(${row}.connection_id, ''),
       ${row}.action, ${row}.outcome, coalesce(${row}.actor_id, ''), ${row}.actor_name`;
    await sql`
      CREATE TRIGGER audit_events_counted_insert AFTER INSERT ON audit_events BEGIN
        INSERT INTO audit_event_counts (${sql.raw(KEY)}, n)
        VALUES ${sql.raw(LEVELS.map((l) => `(${values('NEW', l)}, 1)`).join(', '))}
        ON CONFLICT (${sql.raw(KEY)}) DO UPDATE SET n = n + 1;
      END`.execute(db);
    const where = (level: number) => `(${KEY.split(', ').join(', ')}) = (${values('OLD', level)})`;
    await sql`
      CREATE TRIGGER audit_events_counted_delete AFTER DELETE ON audit_events BEGIN
        ${sql.raw(LEVELS.map((l) => `UPDATE audit_event_counts SET n = n - 1 WHERE ${where(l)};`).join('\n'))}
        ${sql.raw(LEVELS.map((l) => `DELETE FROM audit_event_counts WHERE ${where(l)} AND n <= 0;`).join('\n'))}
      END`.execute(db);
  },
});
