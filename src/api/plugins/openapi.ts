/**
 * The OpenAPI document is generated from the routes' schemas (which come from src/contracts), served
 * at /api/openapi.json, with Swagger UI at /api/docs. Registered before the routes so it sees them.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import {
  AGENT_AUTH_SCHEME,
  AGENT_JWT_AUDIENCE,
  AGENT_SIGNATURE_LIFETIME_S,
} from '../../agent/protocol-constants.ts';
import { AGENT_SIGNATURE_SCHEME, SESSION_SCHEME, TOKEN_SCHEME } from '../../contracts/index.ts';
import { ERROR_CATALOGUE } from '../../core/index.ts';
import { CLOCK_TOLERANCE_S } from '../auth/agent-auth.ts';
import { SESSION_COOKIE } from '../auth/credentials.ts';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'hrsync API',
        version,
        description:
          'Keeps Microsoft 365 accounts in step with AFAS Profit HR. Sign in with POST /api/v1/session (cookie) or send an API token as `Authorization: Bearer hrs_…`; directory agents sign each request (`Authorization: Agent <JWT>`, the agentSignature scheme). Every error has the shape `{ error: { code, message, retryable, details } }`; the codes are listed under `x-error-catalogue`.',
      },
      components: {
        securitySchemes: {
          [SESSION_SCHEME]: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          [TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'an API token, hrs_…' },
          // `Agent` is not an IANA-registered HTTP scheme, so an apiKey in the Authorization header
          // (which Swagger UI and generators understand) carries it, described in full.
          [AGENT_SIGNATURE_SCHEME]: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: `A directory agent's request signature, for the /api/v1/agent/ routes other than register: \`Authorization: ${AGENT_AUTH_SCHEME} <JWT>\`, a JWT signed with the agent's Ed25519 key (alg EdDSA; its public half given at registration), issuer the agent's id, audience \`${AGENT_JWT_AUDIENCE}\`, bound to the request's method (\`htm\`), path (\`htu\`) and body (\`bdh\`: SHA-256 of its exact bytes, base64url), valid ${AGENT_SIGNATURE_LIFETIME_S} s (\`iat\`, \`exp\`; the agent's clock may be up to ${CLOCK_TOLERANCE_S} s off), with a unique \`jti\`: each signature is let in once. Without a valid one the answer is 401 HRS_AGENT_REFUSED, whatever the body.`,
          },
        },
      },
    },
    hideUntagged: true,
  });
  // Swagger UI sends its own CSP (hashes of its inline parts) in place of the console's.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => `${header}; frame-ancestors 'none'`,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => {
    const document = app.swagger() as unknown as Record<string, unknown>;
    // The catalogue travels with the document, so clients and the agreement test see one list.
    return {
      ...document,
      'x-error-catalogue': Object.fromEntries(
        Object.entries(ERROR_CATALOGUE).map(([code, d]) => [
          code,
          { status: d.status, retryable: d.retryable, description: d.description },
        ]),
      ),
    };
  });
}
