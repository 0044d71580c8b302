import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from './emulator-state.ts';
import { checkFault, type FaultSpec } from './fault-spec.ts';
import type { ActiveFault } from './faults.ts';

/**
 * The emulator's own controls under `/__admin` (no AFAS token, never under ProfitRestServices):
 * state, faults, request counts, the update log and reset.
 */
export function adminPlugin(state: AfasEmulatorState) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/state', async () => ({
      environmentId: state.environmentId,
      profitVersion: state.profitVersion,
      usersConnectorId: state.usersConnectorId,
      token: { xml: state.token.xml, header: state.token.header },
      connectors: state.tables().map((t) => ({ id: t.id, description: t.description, rows: t.rowCount })),
      faults: state.faults.list().map(faultView),
      requests: { total: state.requests.total },
      updates: { total: state.updates.list().length },
    }));

    app.get('/faults', async () => ({ faults: state.faults.list().map(faultView) }));

    app.post('/faults', async (request, reply) => {
      let specs: FaultSpec[];
      try {
        specs = faultsIn(request.body);
      } catch (error) {
        return reply.code(400).send({ error: (error as Error).message });
      }
      const added = specs.map((spec) => faultView(state.faults.add(spec)));
      return reply.code(201).send({ added, faults: state.faults.list().map(faultView) });
    });

    app.delete('/faults', async () => {
      state.faults.clear();
      return { faults: [] };
    });

    app.delete('/faults/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      if (!state.faults.remove(request.params.id)) return reply.code(404).send({ error: 'no such fault' });
      return { faults: state.faults.list().map(faultView) };
    });

    app.get('/requests', async () => state.requests.snapshot());

    app.get('/updates', async () => ({ updates: state.updates.list() }));

    app.post('/reset', async () => {
      state.reset();
      return { reset: true };
    });
  };
}

/** Accepts one fault, an array of faults, or `{"faults":[…]}`. */
function faultsIn(body: unknown): FaultSpec[] {
  const list =
    typeof body === 'object' && body !== null && 'faults' in body
      ? (body as { faults: unknown }).faults
      : body;
  const items = Array.isArray(list) ? list : [list];
  if (items.length === 0) throw new Error('no faults given');
  return items.map((item, i) => checkFault(item, `fault ${i}`));
}

function faultView(fault: ActiveFault): FaultSpec & { id: string; fired: number; remaining: number | null } {
  return { id: fault.id, ...fault.spec, fired: fault.fired, remaining: fault.remaining ?? null };
}
