/**
 * URLs of the AFAS Profit REST API (ProfitRestServices). Pure: no I/O.
 */
import type { SourceConfig } from '../../core/index.ts';

const ENVIRONMENT_HOST: Readonly<Record<'production' | 'test' | 'accept', string>> = {
  production: 'rest',
  test: 'resttest',
  accept: 'restaccept',
};

/** AFAS answers a query string (from `?` on) longer than this with a 404. */
export const MAX_QUERY_LENGTH = 2049;

/** `https://12345.rest.afas.online/ProfitRestServices`, or the configured base URL without trailing `/`. */
export function afasBaseUrl(environment: SourceConfig['environment']): string {
  if ('baseUrl' in environment) return environment.baseUrl.replace(/\/+$/, '');
  return `https://${environment.number}.${ENVIRONMENT_HOST[environment.kind]}.afas.online/ProfitRestServices`;
}

/** Equality filter in AFAS's parallel-list form; `,` and `;` separate entries, so they may not appear in values. */
export interface AfasFilter {
  readonly field: string;
  readonly value: string;
}

export interface PageRequest {
  readonly skip: number;
  readonly take: number;
  /** Sorting is mandatory with skip/take: without it AFAS does not keep rows in the same order between pages. */
  readonly orderBy: string;
  readonly filter?: AfasFilter;
}

export function getConnectorUrl(base: string, connectorId: string, page: PageRequest): string {
  const params = new URLSearchParams();
  if (page.filter !== undefined) {
    if (/[,;]/.test(page.filter.value)) {
      throw new RangeError(`filter value for ${page.filter.field} may not contain "," or ";"`);
    }
    params.set('filterfieldids', page.filter.field);
    params.set('filtervalues', page.filter.value);
    params.set('operatortypes', '1');
  }
  params.set('skip', String(page.skip));
  params.set('take', String(page.take));
  params.set('orderbyfieldids', page.orderBy);
  const query = params.toString();
  if (query.length + 1 > MAX_QUERY_LENGTH) {
    throw new RangeError(`query string of ${query.length + 1} characters exceeds AFAS's ${MAX_QUERY_LENGTH}`);
  }
  return `${base}/connectors/${encodeURIComponent(connectorId)}?${query}`;
}

export const updateConnectorUrl = (base: string, connectorId: string): string =>
  `${base}/connectors/${encodeURIComponent(connectorId)}`;

export const metaInfoUrl = (base: string, getConnectorId?: string): string =>
  getConnectorId === undefined
    ? `${base}/metainfo`
    : `${base}/metainfo/get/${encodeURIComponent(getConnectorId)}`;

export const profitVersionUrl = (base: string): string => `${base}/ProfitVersion`;
