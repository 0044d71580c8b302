/**
 * "Test connection" for step 1 of the configuration: is AFAS reachable, is the token accepted, are the
 * configured GetConnectors in the App Connector, and do they have the fields hrsync needs?
 */
import { isHrsyncError, plural, type SourceConfig } from '../../core/index.ts';
import { AfasClient, type AfasDeps } from './afas-client.ts';
import { CONNECTOR_ROLES, REQUIRED_FIELDS, WRITE_BACK_FIELDS } from './afas-fields.ts';
import { afasBaseUrl, metaInfoUrl, profitVersionUrl } from './afas-url.ts';

export interface ConnectionCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly message: string;
  readonly checks: readonly ConnectionCheck[];
}

export interface AfasTestOptions {
  /** Also require the users fields that write-back reads. */
  readonly writeBack?: boolean;
}

export async function testAfasConnection(
  config: SourceConfig,
  deps: AfasDeps & AfasTestOptions,
): Promise<ConnectionTestResult> {
  const checks: ConnectionCheck[] = [];
  const check = (name: string, ok: boolean, message: string) => checks.push({ name, ok, message });
  const done = (): ConnectionTestResult => {
    const failed = checks.filter((c) => !c.ok);
    const message =
      failed.length === 0
        ? 'AFAS connection works.'
        : `AFAS connection has ${plural(failed.length, 'problem')}: ${failed.map((c) => c.message).join(' ')}`;
    return { ok: failed.length === 0, message, checks };
  };
  let client: AfasClient;
  try {
    // A test should answer quickly: one retry at most, and no waiting for a maintenance window.
    client = new AfasClient({ ...deps, retry: { attempts: 2, maxRetryAfterMs: 5_000, ...deps.retry } }, 1);
  } catch (error) {
    check('token', false, messageOf(error));
    return done();
  }
  const base = afasBaseUrl(config.environment);
  const get = (url: string, what: string) =>
    client.send({ method: 'GET', url, what, failureCode: 'HRS_SOURCE_READ_FAILED' });

  try {
    const version = (await get(profitVersionUrl(base), 'GET ProfitVersion')) as { version?: unknown } | null;
    check('reachable', true, `AFAS Profit ${String(version?.version ?? '(version unknown)')} at ${base}.`);
  } catch (error) {
    // ProfitVersion wants the token too: a 401/403 proves AFAS is there and the token is the problem.
    const refused = isHrsyncError(error) && error.code === 'HRS_SOURCE_AUTH';
    check('reachable', refused, refused ? `AFAS Profit answers at ${base}.` : messageOf(error));
    if (refused) check('token', false, messageOf(error));
    return done();
  }

  let listed: Set<string>;
  try {
    const meta = (await get(metaInfoUrl(base), 'GET metainfo')) as { getConnectors?: unknown } | null;
    const connectors = Array.isArray(meta?.getConnectors) ? meta.getConnectors : [];
    listed = new Set(connectors.map((c) => String((c as { id?: unknown }).id)));
    check('token', true, 'The token is accepted.');
  } catch (error) {
    check('token', false, messageOf(error));
    return done();
  }

  for (const role of CONNECTOR_ROLES) {
    const id = config.connectors[role];
    if (!listed.has(id)) {
      check(`connector:${role}`, false, `GetConnector ${id} is not in the App Connector of this token.`);
      continue;
    }
    try {
      const meta = (await get(metaInfoUrl(base, id), `GET metainfo/get/${id}`)) as {
        fields?: unknown;
      } | null;
      const fields = new Set(
        (Array.isArray(meta?.fields) ? meta.fields : []).map((f) => String((f as { id?: unknown }).id)),
      );
      const wanted = [
        ...REQUIRED_FIELDS[role],
        ...(role === 'users' && deps.writeBack ? Object.values(WRITE_BACK_FIELDS) : []),
      ];
      const missing = [...new Set(wanted)].filter((f) => !fields.has(f));
      check(
        `connector:${role}`,
        missing.length === 0,
        missing.length === 0
          ? `GetConnector ${id} has the required fields.`
          : `GetConnector ${id} lacks field(s) ${missing.join(', ')}.`,
      );
    } catch (error) {
      check(`connector:${role}`, false, messageOf(error));
    }
  }
  return done();
}

const messageOf = (error: unknown): string =>
  isHrsyncError(error) ? error.message : error instanceof Error ? error.message : String(error);
