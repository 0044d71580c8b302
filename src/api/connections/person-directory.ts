/**
 * A short-lived, per-process memory of each connection's AFAS persons for the person picker.
 *
 * The picker searches as the administrator types; reading the whole company from AFAS for every
 * pause in typing would take seconds per keystroke on a large environment and load the customer's
 * AFAS for nothing. So one read serves the searches of the next minute, and requests that arrive
 * while a read is under way wait for that read instead of starting their own. The entry is keyed
 * by what the list depends on (source settings with the stored token's id, persons settings, time
 * zone), so saving a changed step 1 or 4 reads afresh at once. Failed reads are not kept.
 */
import type { Connection } from '../../store/index.ts';
import type { PersonEntry } from './person-search.ts';

export interface PersonDirectoryOptions {
  /** How long one read serves searches. */
  readonly maxAgeMs: number;
  /** Connections remembered at once; the least recently read is forgotten first. */
  readonly maxConnections: number;
  readonly now: () => number;
}

interface Entry {
  readonly version: string;
  readonly readAt: number;
  readonly persons: Promise<readonly PersonEntry[]>;
}

/** What the persons list depends on; the token appears as its stored secret's id, never its value. */
function versionOf(connection: Connection): string {
  const { source, persons, timeZone } = connection.config;
  return JSON.stringify([source ?? null, persons ?? null, timeZone ?? null]);
}

export class PersonDirectory {
  readonly #entries = new Map<string, Entry>();
  readonly #options: PersonDirectoryOptions;

  constructor(options: PersonDirectoryOptions) {
    this.#options = options;
  }

  persons(
    connection: Connection,
    read: () => Promise<readonly PersonEntry[]>,
  ): Promise<readonly PersonEntry[]> {
    const now = this.#options.now();
    const version = versionOf(connection);
    const known = this.#entries.get(connection.id);
    if (known && known.version === version && now - known.readAt < this.#options.maxAgeMs) {
      return known.persons;
    }
    const entry: Entry = { version, readAt: now, persons: read() };
    this.#entries.delete(connection.id);
    this.#entries.set(connection.id, entry);
    entry.persons.catch(() => {
      // A failed read must not answer the next search: the administrator may have fixed AFAS.
      if (this.#entries.get(connection.id) === entry) this.#entries.delete(connection.id);
    });
    while (this.#entries.size > this.#options.maxConnections) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return entry.persons;
  }
}
