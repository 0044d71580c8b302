import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import { PersonSearchDto, PersonSearchQuery } from '../schemas/persons.ts';

export const searchPersons = endpoint({
  operationId: 'searchPersons',
  method: 'GET',
  path: '/api/v1/connections/:id/persons',
  summary:
    'Persons of the connection’s AFAS source, by employee number prefix or part of the name (read with the saved step 1)',
  tag: 'Configuration steps',
  access: 'viewer',
  params: IdParams,
  query: PersonSearchQuery,
  status: 200,
  response: PersonSearchDto,
  errors: [
    'HRS_NOT_FOUND',
    'HRS_INVALID_STATE',
    'HRS_SECRET_UNRESOLVED',
    'HRS_SOURCE_AUTH',
    'HRS_SOURCE_UNAVAILABLE',
    'HRS_SOURCE_READ_FAILED',
  ],
  audit: 'read-only',
});
