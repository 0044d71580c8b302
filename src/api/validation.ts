/**
 * Request validation with two Ajv instances: query strings and path parameters are coerced from
 * text ("2" → 2), bodies are not. With coercion on, a JSON `null` in a body would silently become 0
 * for a `number | null` field — and "no threshold" would turn into "block every disable".
 */
import { Ajv } from 'ajv';
import type { FastifySchema } from 'fastify';
import { boundNumbers } from './plugins/input-hygiene.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function ajv(coerceTypes: boolean | 'array'): Ajv {
  const instance = new Ajv({
    coerceTypes,
    useDefaults: true,
    // Unknown fields are refused, not dropped: a typo must not look like a saved setting.
    removeAdditional: false,
    allErrors: true,
    // Defaults inside unions (the AFAS environment kinds) are filled by the step validator instead.
    strict: false,
  });
  instance.addFormat('date-time', {
    type: 'string',
    validate: (s: string) => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)),
  });
  return instance;
}

export function validatorCompiler() {
  const body = ajv(false);
  const text = ajv('array');
  return ({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    httpPart === 'body' ? body.compile(schema as object) : text.compile(boundNumbers(schema) as object);
}
