/**
 * The connection's AFAS persons as a run would see them: read with its saved step-1 source and
 * token, normalised with its persons settings in its time zone. The expression tester and the
 * person search both read through here, so the people they show are the people a run plans for.
 */
import { Value } from '@sinclair/typebox/value';
import { HrsyncError, type Person, PersonsConfig, SourceConfig } from '../../core/index.ts';
import { DEFAULT_SECTIONS, localToday, normalise } from '../../engine/index.ts';
import { resolveToken } from '../../jobs/connection-config.ts';
import type { Connection } from '../../store/index.ts';
import type { ApiDeps } from '../deps.ts';
import { DEFAULT_TIME_ZONE } from './defaults.ts';

/** The saved source settings, with defaults, or a 409 saying step 1 comes first. */
export function savedSource(connection: Connection): SourceConfig {
  const source = connection.config.source;
  if (source === undefined || source.token === undefined) {
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      `Connection "${connection.name}" has no saved AFAS source with a token; save step 1 first.`,
    );
  }
  return Value.Default(SourceConfig, structuredClone(source)) as SourceConfig;
}

/** Everyone, or one employee (read with an AFAS filter instead of the whole company). */
export type PersonSelection = 'everyone' | { readonly employeeNumber: string };

export async function readSourcePersons(
  deps: Pick<ApiDeps, 'store' | 'connectors' | 'clock'>,
  connection: Connection,
  selection: PersonSelection,
): Promise<readonly Person[]> {
  const sourceConfig = savedSource(connection);
  const token = await resolveToken(deps.store, connection.organisationId, sourceConfig);
  const source = deps.connectors.source(sourceConfig, token);
  const snapshot =
    selection === 'everyone' ? await source.read({}) : await source.readOne(selection.employeeNumber, {});
  const timeZone = connection.config.timeZone ?? DEFAULT_TIME_ZONE;
  return normalise(snapshot, {
    today: localToday(deps.clock.now(), timeZone),
    timeZone,
    persons: Value.Default(
      PersonsConfig,
      structuredClone(connection.config.persons ?? DEFAULT_SECTIONS.persons),
    ) as PersonsConfig,
  });
}
