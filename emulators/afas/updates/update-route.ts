import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from '../emulator-state.ts';
import { BadRequest, ERROR_NUMBER, ProfitError } from '../profit-error.ts';
import { parseEnvelope, parseJsonBody, type UpdateElement } from './envelope.ts';
import { planEmployees } from './kn-employee.ts';
import { planPersons } from './kn-person.ts';
import { planUsers } from './kn-user.ts';
import { applyPlan, type UpdatePlan } from './plan.ts';

export interface UpdateConnectorDefinition {
  readonly id: string;
  readonly description: string;
  /** the root object of the body, e.g. `AfasEmployee` for KnEmployee */
  readonly object: string;
  readonly plan: (state: AfasEmulatorState, elements: readonly UpdateElement[], method: string) => UpdatePlan;
}

export const UPDATE_CONNECTORS: readonly UpdateConnectorDefinition[] = [
  { id: 'KnEmployee', description: 'Medewerker', object: 'AfasEmployee', plan: planEmployees },
  { id: 'KnPerson', description: 'Persoon', object: 'KnPerson', plan: planPersons },
  { id: 'KnUser', description: 'Gebruiker', object: 'KnUser', plan: planUsers },
];

export function updateConnector(id: string): UpdateConnectorDefinition | undefined {
  return UPDATE_CONNECTORS.find((c) => c.id.toLowerCase() === id.toLowerCase());
}

/** `PUT|POST /connectors/{UpdateConnector}`: validate the whole body, then apply it in one go. */
export function updateHandler(state: AfasEmulatorState) {
  return async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
  ): Promise<unknown> => {
    const connector = updateConnector(request.params.id);
    const method = request.method;
    let document: unknown = request.body;
    try {
      if (connector === undefined) {
        throw new ProfitError(
          'UpdateConnector not supported for this app or the user is not authorized',
          ERROR_NUMBER.unexpected,
          `unknown UpdateConnector '${request.params.id}'`,
        );
      }
      document = parseJsonBody(request.body);
      const plan = connector.plan(state, parseEnvelope(document, connector.id, connector.object), method);
      const changes = applyPlan(plan);
      state.updates.add({ method, connector: connector.id, status: plan.status, request: document, changes });
      reply.code(plan.status);
      return plan.results === undefined ? reply.send() : reply.send(plan.results);
    } catch (error) {
      const status = error instanceof BadRequest ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      const connectorId = connector?.id ?? request.params.id;
      state.updates.add({
        method,
        connector: connectorId,
        status,
        request: document,
        error: message,
        changes: [],
      });
      throw error;
    }
  };
}
