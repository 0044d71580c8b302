/** One entry of an error's `details`, e.g. `{ target: 'userPrincipalName', code: 'ObjectConflict' }`. */
export interface GraphErrorDetail {
  readonly target: string;
  readonly code: string;
  readonly message?: string;
}

/**
 * A Graph error response. Handlers throw it; the dispatcher renders it with the request ids in
 * `innerError` (Graph spells it `innerError` on the wire although its schema says `innererror`).
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly GraphErrorDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function renderGraphError(
  error: GraphError,
  ids: { readonly requestId: string; readonly clientRequestId: string; readonly date: Date },
): object {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        // Graph writes the UTC time without zone designator or fraction.
        date: ids.date.toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
      ...(error.details.length > 0 ? { details: error.details } : {}),
    },
  };
}

export const notFound = (id: string): GraphError =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string, details: readonly GraphErrorDetail[] = []): GraphError =>
  new GraphError(400, 'Request_BadRequest', message, details);

export const invalidValue = (property: string): GraphError =>
  badRequest(`Invalid value specified for property '${property}' of resource 'User'.`, [
    { target: property, code: 'InvalidValue' },
  ]);

export const unsupportedQuery = (message: string): GraphError =>
  new GraphError(400, 'Request_UnsupportedQuery', message);

export const insufficientPrivileges = (): GraphError =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const objectConflict = (property: string, conflictingId?: string): GraphError =>
  badRequest(`Another object with the same value for property ${property} already exists.`, [
    { target: property, code: 'ObjectConflict' },
    ...(conflictingId === undefined ? [] : [{ target: conflictingId, code: 'ConflictingObjects' }]),
  ]);
