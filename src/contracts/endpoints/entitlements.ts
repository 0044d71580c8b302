import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import { EntitlementOptionsDto, EntitlementOptionsQuery } from '../schemas/entitlements.ts';

export const listEntitlementOptions = endpoint({
  operationId: 'listEntitlementOptions',
  method: 'GET',
  path: '/api/v1/connections/:id/entitlement-options',
  summary:
    'Groups (by name) and subscribed licences of the connection’s tenant, for the “Groups and licences” rules of step 3',
  tag: 'Configuration steps',
  access: 'viewer',
  params: IdParams,
  query: EntitlementOptionsQuery,
  status: 200,
  response: EntitlementOptionsDto,
  errors: [
    'HRS_NOT_FOUND',
    'HRS_INVALID_STATE',
    'HRS_SECRET_UNRESOLVED',
    'HRS_TARGET_AUTH',
    'HRS_TARGET_UNAVAILABLE',
    'HRS_TARGET_READ_FAILED',
  ],
  audit: 'read-only',
});
