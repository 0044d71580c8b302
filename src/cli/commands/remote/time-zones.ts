/**
 * Which zone a time is shown in, as the console chooses it: a connection's step-4 zone where a
 * connection applies, the organisation's (from the token's session) elsewhere.
 */
import { getConnection, getSession, type ResponseOf } from '../../../contracts/index.ts';
import { type ApiClient, ApiError } from '../../api-client/index.ts';

export async function organisationZone(client: ApiClient): Promise<string> {
  return (await client.call(getSession, {})).organisation.timeZone;
}

export interface RunPlace {
  readonly connection: string;
  readonly zone: string;
  readonly destinationType: ResponseOf<typeof getConnection>['destinationType'] | null;
}

/** A run's connection by name, and its zone; a connection since deleted falls back to the organisation. */
export async function runPlace(client: ApiClient, connectionId: string): Promise<RunPlace> {
  try {
    const c = await client.call(getConnection, { params: { id: connectionId } });
    return { connection: c.name, zone: c.timeZone, destinationType: c.destinationType };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return { connection: connectionId, zone: await organisationZone(client), destinationType: null };
  }
}
