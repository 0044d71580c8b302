import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from './emulator-state.ts';
import { connectorNotSupported } from './get-connector-route.ts';
import { UPDATE_CONNECTORS } from './updates/index.ts';

/** `/metainfo`, `/metainfo/get/{id}` and `/ProfitVersion`, all behind the token like the rest. */
export function registerMetainfoRoutes(app: FastifyInstance, state: AfasEmulatorState): void {
  app.get('/metainfo', async () => ({
    updateConnectors: UPDATE_CONNECTORS.map(({ id, description }) => ({ id, description })),
    getConnectors: state.tables().map(({ id, description }) => ({ id, description })),
    info: {
      envid: `O${state.environmentId}AA`,
      appName: state.appName,
      group: `AuthorizationGroup 101 (${state.environmentId}.HRSYNC)`,
      tokenExpiry: '0',
    },
  }));

  app.get('/metainfo/get/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const table = state.table(request.params.id);
    if (table === undefined) throw connectorNotSupported(request.params.id);
    return {
      name: table.id,
      description: table.description,
      fields: table.fields.map((f) => ({
        id: f.id,
        fieldId: f.fieldId,
        dataType: f.dataType,
        label: f.label,
        length: f.length,
        controlType: f.controlType,
        decimals: f.decimals,
        decimalsFieldId: f.decimalsFieldId,
      })),
    };
  });

  app.get('/ProfitVersion', async () => ({ version: state.profitVersion }));
}
