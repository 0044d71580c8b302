import { endpoint } from '../endpoint.ts';
import { IdParams, Page } from '../schemas/common.ts';
import {
  ActivateAnywayBody,
  ConnectionDetailsDto,
  ConnectionListQuery,
  ConnectionPatchBody,
  ConnectionSummaryDto,
  ConnectionWarningsDto,
  ConnectionWarningsQuery,
  CopyConnectionBody,
  NewConnectionBody,
} from '../schemas/connections.ts';

const tag = 'Connections';

export const listConnections = endpoint({
  operationId: 'listConnections',
  method: 'GET',
  path: '/api/v1/connections',
  summary: 'Connections, searchable by name, sortable and paged',
  tag,
  access: 'viewer',
  query: ConnectionListQuery,
  status: 200,
  response: Page(ConnectionSummaryDto),
  errors: [],
  audit: 'read-only',
});

export const createConnection = endpoint({
  operationId: 'createConnection',
  method: 'POST',
  path: '/api/v1/connections',
  summary: 'Create a connection (state draft); the tenant can be chosen now or in step 2',
  tag,
  access: 'operator',
  body: NewConnectionBody,
  status: 201,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT', 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['connection.created'],
});

export const copyConnection = endpoint({
  operationId: 'copyConnection',
  method: 'POST',
  path: '/api/v1/connections/:id/copy',
  summary: 'Copy a connection to a tenant: the configuration is copied, secrets are not',
  tag,
  access: 'operator',
  params: IdParams,
  body: CopyConnectionBody,
  status: 201,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT', 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['connection.copied'],
});

export const getConnection = endpoint({
  operationId: 'getConnection',
  method: 'GET',
  path: '/api/v1/connections/:id',
  summary: 'Connection details: tenant, organisation, progress, last and next sync, latest run',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const previewConnectionWarnings = endpoint({
  operationId: 'previewConnectionWarnings',
  method: 'GET',
  path: '/api/v1/connections/:id/warnings',
  summary:
    'The warnings the connection would get with the tenant chosen in step 2, before it is saved (another connection writing to the same tenant)',
  tag,
  access: 'viewer',
  params: IdParams,
  query: ConnectionWarningsQuery,
  status: 200,
  response: ConnectionWarningsDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const updateConnection = endpoint({
  operationId: 'updateConnection',
  method: 'PATCH',
  path: '/api/v1/connections/:id',
  summary: 'Rename a connection or change its description',
  tag,
  access: 'operator',
  params: IdParams,
  body: ConnectionPatchBody,
  status: 200,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['connection.updated'],
});

export const deleteConnection = endpoint({
  operationId: 'deleteConnection',
  method: 'DELETE',
  path: '/api/v1/connections/:id',
  summary: 'Delete a connection permanently, with its schedule, runs and links; audit events stay',
  tag,
  access: 'operator',
  params: IdParams,
  status: 204,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['connection.deleted'],
});

export const activateConnection = endpoint({
  operationId: 'activateConnection',
  method: 'POST',
  path: '/api/v1/connections/:id/activate',
  summary:
    'Activate: syncs may run and the schedule starts (needs a simulation of the current configuration)',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['connection.state-changed'],
});

export const activateConnectionAnyway = endpoint({
  operationId: 'activateConnectionAnyway',
  method: 'POST',
  path: '/api/v1/connections/:id/activate-anyway',
  summary:
    'Activate although the latest simulation was blocked or had failed or conflicting persons: admins only, with a written reason (audited)',
  tag,
  access: 'admin',
  params: IdParams,
  body: ActivateAnywayBody,
  status: 200,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_SUBSCRIPTION_INACTIVE', 'HRS_VALIDATION'],
  audit: ['connection.state-changed'],
});

export const deactivateConnection = endpoint({
  operationId: 'deactivateConnection',
  method: 'POST',
  path: '/api/v1/connections/:id/deactivate',
  summary: 'Deactivate: scheduled syncs stop until activated again',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: ConnectionDetailsDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['connection.state-changed'],
});
