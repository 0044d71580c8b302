import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from './emulator-state.ts';
import { parseFilter } from './filters.ts';
import { parseOrderBy } from './ordering.ts';
import { pageNumber, parsePage } from './paging.ts';
import { ERROR_NUMBER, ProfitError } from './profit-error.ts';
import { queryParams } from './query.ts';
import { noteOn } from './request-notes.ts';

export function connectorNotSupported(id: string): ProfitError {
  return new ProfitError(
    'GetConnector not supported for this app or the user is not authorized',
    ERROR_NUMBER.unexpected,
    `unknown GetConnector '${id}'`,
  );
}

/** `GET /connectors/{id}?skip&take&orderbyfieldids&filter…`: one page as `{"skip","take","rows"}`. */
export function getConnectorHandler(state: AfasEmulatorState) {
  return async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
  ): Promise<unknown> => {
    const table = state.table(request.params.id);
    if (table === undefined) throw connectorNotSupported(request.params.id);
    const params = queryParams(request.url);
    const page = parsePage(params);
    const sort = parseOrderBy(params.get('orderbyfieldids'), table.lookupField);
    const filter = parseFilter(params, table.lookupField);
    const selected = table.select(filter, sort);
    let rows = page.all ? selected : selected.slice(page.skip, page.skip + page.take);
    const context = { method: request.method, connector: table.id, page: pageNumber(page) };
    const truncate = state.faults.fire('truncate', context);
    if (truncate !== undefined) {
      rows = rows.slice(
        0,
        truncate.dropLast === undefined ? 0 : Math.max(0, rows.length - truncate.dropLast),
      );
      noteOn(request, { fault: 'truncate' });
    }
    // Rows are cached as JSON text, so a page is a join rather than a serialisation of objects.
    const body = `{"skip":${page.skip},"take":${page.take},"rows":[${rows.map((i) => table.rowJson(i)).join(',')}]}`;
    return reply.type('application/json; charset=utf-8').send(body);
  };
}
