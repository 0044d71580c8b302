/**
 * The AFAS Profit source: reads the three GetConnectors (users, employments, org units) and writes
 * generated e-mail/UPN back. Row values are passed on untouched — dates stay `YYYY-MM-DDT00:00:00Z`
 * strings, whose `Z` is a lie (they are Amsterdam local dates); the engine's normaliser knows that.
 */
import type { Attributes, RowReader, SourceConfig } from '../../core/index.ts';
import type { Source, SourceSnapshot } from '../../engine/ports.ts';
import { AfasClient, type AfasDeps } from './afas-client.ts';
import { CONNECTOR_KEYS, type ConnectorRole, EMPLOYEE_NUMBER_FIELD } from './afas-fields.ts';
import { readConnector } from './afas-reader.ts';
import type { AfasFilter } from './afas-url.ts';
import { afasBaseUrl } from './afas-url.ts';
import { writeBack } from './afas-write-back.ts';

export interface AfasSource extends Source {
  /** Highest number of AFAS requests this source had in flight at once. */
  readonly peakParallel: number;
}

export function createAfasSource(config: SourceConfig, deps: AfasDeps): AfasSource {
  const base = afasBaseUrl(config.environment);
  const client = new AfasClient(deps, config.parallel);

  const read = (
    role: ConnectorRole,
    options: {
      signal?: AbortSignal;
      filter?: AfasFilter;
      onPage?: (rows: number) => void;
      expectedRows?: number;
      cut?: RowReader;
    },
  ): Promise<Attributes[]> =>
    readConnector(client, {
      base,
      connectorId: config.connectors[role],
      keyField: CONNECTOR_KEYS[role],
      pageSize: config.pageSize,
      parallel: client.limiter.limit,
      ...options,
    });

  const source: AfasSource = {
    get peakParallel() {
      return client.limiter.peak;
    },

    async read({ signal, onProgress, expectedRows, cut }) {
      const all = (role: ConnectorRole) => (shared: AbortSignal) =>
        read(role, {
          signal: shared,
          ...(expectedRows ? { expectedRows: expectedRows[role] } : {}),
          // The few org units are kept whole.
          ...(cut === undefined || role === 'organizationalUnits' ? {} : { cut }),
          onPage: (rows) => onProgress?.({ connector: config.connectors[role], rows }),
        });
      const [users, employments, organizationalUnits] = await readTogether<
        [Attributes[], Attributes[], Attributes[]]
      >(signal, [all('users'), all('employments'), all('organizationalUnits')]);
      return { users, employments, organizationalUnits };
    },

    async readOne(employeeNumber, { signal }) {
      const filter = { field: EMPLOYEE_NUMBER_FIELD, value: employeeNumber };
      const [users, employments, organizationalUnits] = await readTogether<
        [Attributes[], Attributes[], Attributes[]]
      >(signal, [
        (shared) => read('users', { signal: shared, filter }),
        (shared) => read('employments', { signal: shared, filter }),
        // Department names and parents come from the whole tree, which is small.
        (shared) => read('organizationalUnits', { signal: shared }),
      ]);
      return { users, employments, organizationalUnits } satisfies SourceSnapshot;
    },

    async writeBack(employeeNumber, values) {
      const [row] = await read('users', { filter: { field: EMPLOYEE_NUMBER_FIELD, value: employeeNumber } });
      await writeBack(client, base, employeeNumber, row, values);
    },
  };
  return source;
}

/**
 * Runs the reads together; the first failure cancels the others, and the caller hears about it only
 * once every request has stopped, so nothing of a failed read is still running afterwards.
 */
async function readTogether<T extends readonly unknown[]>(
  signal: AbortSignal | undefined,
  reads: { readonly [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> },
): Promise<T> {
  const cancel = new AbortController();
  const shared = signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal;
  let firstError: { error: unknown } | undefined;
  const results = await Promise.all(
    reads.map((run) =>
      run(shared).catch((error: unknown) => {
        firstError ??= { error };
        cancel.abort();
        return undefined;
      }),
    ),
  );
  if (firstError) throw firstError.error;
  return results as unknown as T;
}
