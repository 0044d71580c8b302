import { randomUUID } from 'node:crypto';

/** An error from the Entra token service: OAuth2 `error` plus an `AADSTS<code>` description. */
export class AadstsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

/** Renders the body shape login.microsoftonline.com uses, ids and timestamp repeated in the text. */
export function renderAadstsError(error: AadstsError, now: Date): object {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  // e.g. "2024-12-27 14:53:13Z"
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: error.error,
    error_description: `${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  };
}

export const aadsts = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      'invalid_request',
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrant: (grant: string) =>
    new AadstsError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'. This emulator issues client-credentials tokens only.`,
    ),
  unknownClient: (clientId: string, tenant: string) =>
    new AadstsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  noCredential: () =>
    new AadstsError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  invalidScopeFormat: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new AadstsError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This emulator only issues tokens for https://graph.microsoft.com.`,
    ),
  badAssertionType: () =>
    new AadstsError(
      400,
      'invalid_request',
      50027,
      "Invalid client_assertion_type. Expected 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
    ),
  malformedAssertion: (why: string) =>
    new AadstsError(401, 'invalid_client', 50027, `JWT token is invalid or malformed: ${why}`),
  assertionClaim: (why: string) =>
    new AadstsError(401, 'invalid_client', 700023, `Client assertion is invalid: ${why}`),
  subjectMismatch: () =>
    new AadstsError(401, 'invalid_client', 50048, 'Subject mismatches Issuer claim in the client assertion.'),
  assertionTime: () =>
    new AadstsError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  unknownCertificate: (clientId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application '${clientId}'.`,
    ),
  badSignature: () =>
    new AadstsError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  replayedAssertion: () =>
    new AadstsError(
      401,
      'invalid_client',
      700028,
      'The client assertion has already been used (its jti was seen before); sign a new one.',
    ),
} as const;
