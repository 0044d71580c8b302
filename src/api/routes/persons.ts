/** The person picker: searches the connection's AFAS persons (see connections/person-directory.ts). */
import type { FastifyInstance } from 'fastify';
import { searchPersons } from '../../contracts/index.ts';
import { loadConnection } from '../connections/load.ts';
import { PersonDirectory } from '../connections/person-directory.ts';
import { personEntries, searchPersonEntries } from '../connections/person-search.ts';
import { readSourcePersons } from '../connections/source-persons.ts';
import { registerEndpoint } from '../route.ts';

const DEFAULT_LIMIT = 20;

export async function personRoutes(app: FastifyInstance): Promise<void> {
  const directory = new PersonDirectory({
    maxAgeMs: 60_000,
    maxConnections: 50,
    now: () => Date.parse(app.deps.clock.now()),
  });

  registerEndpoint(app, searchPersons, async ({ caller, store, deps, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const entries = await directory.persons(connection, async () =>
      personEntries(await readSourcePersons(deps, connection, 'everyone')),
    );
    const found = searchPersonEntries(entries, query.q ?? '', query.limit ?? DEFAULT_LIMIT);
    return {
      items: found.items.map((e) => ({
        employeeNumber: e.employeeNumber,
        displayName: e.displayName,
        lifecycle: e.lifecycle,
      })),
      total: found.total,
    };
  });
}
