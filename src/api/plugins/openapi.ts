/**
 * The OpenAPI document is generated from the routes' schemas (which come from src/contracts), served
 * at /api/openapi.json, with Swagger UI at /api/docs. Registered before the routes so it sees them.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE } from '../../core/index.ts';
import { SESSION_COOKIE } from '../auth/credentials.ts';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'hrsync API',
        version,
        description:
          'Keeps Microsoft 365 accounts in step with AFAS Profit HR. Sign in with POST /api/v1/session (cookie) or send an API token as `Authorization: Bearer hrs_…`. Every error has the shape `{ error: { code, message, retryable, details } }`; the codes are listed under `x-error-catalogue`.',
      },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'an API token, hrs_…' },
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
