import { Type as T } from '@sinclair/typebox';
import { endpoint } from '../endpoint.ts';
import { IdParams, Page } from '../schemas/common.ts';
import {
  DecisionBody,
  RunDto,
  RunItemDto,
  RunItemsExportQuery,
  RunItemsQuery,
  RunListQuery,
  SyncPersonBody,
} from '../schemas/runs.ts';

const tag = 'Runs';
const queueErrors = ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_CONFLICT'] as const;

export const listRuns = endpoint({
  operationId: 'listRuns',
  method: 'GET',
  path: '/api/v1/connections/:id/runs',
  summary: 'Runs of a connection, newest first',
  tag,
  access: 'viewer',
  params: IdParams,
  query: RunListQuery,
  status: 200,
  response: Page(RunDto),
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const simulate = endpoint({
  operationId: 'simulate',
  method: 'POST',
  path: '/api/v1/connections/:id/simulate',
  summary: 'Queue a simulation: everything a sync would do, with nothing written',
  tag,
  access: 'operator',
  params: IdParams,
  status: 202,
  response: RunDto,
  errors: queueErrors,
  audit: ['run.queued'],
});

export const sync = endpoint({
  operationId: 'sync',
  method: 'POST',
  path: '/api/v1/connections/:id/sync',
  summary: 'Queue a sync now (active connections)',
  tag,
  access: 'operator',
  params: IdParams,
  status: 202,
  response: RunDto,
  errors: [...queueErrors, 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['run.queued'],
});

export const syncPerson = endpoint({
  operationId: 'syncPerson',
  method: 'POST',
  path: '/api/v1/connections/:id/sync-person',
  summary: 'Queue an on-demand sync of one employee; the run item shows each step',
  tag,
  access: 'operator',
  params: IdParams,
  body: SyncPersonBody,
  status: 202,
  response: RunDto,
  errors: [...queueErrors, 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['run.queued'],
});

export const getRun = endpoint({
  operationId: 'getRun',
  method: 'GET',
  path: '/api/v1/runs/:id',
  summary: 'A run: status, counts, progress, blocked reason, decisions',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: RunDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const listRunItems = endpoint({
  operationId: 'listRunItems',
  method: 'GET',
  path: '/api/v1/runs/:id/items',
  summary: 'What happened per person, filterable by action, status and name or employee number',
  tag,
  access: 'viewer',
  params: IdParams,
  query: RunItemsQuery,
  status: 200,
  response: Page(RunItemDto),
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const exportRunItemsCsv = endpoint({
  operationId: 'exportRunItemsCsv',
  method: 'GET',
  path: '/api/v1/runs/:id/items.csv',
  summary: 'Run items as CSV (UTF-8 with BOM, opens in Excel); a finished or blocked run only',
  tag,
  access: 'viewer',
  params: IdParams,
  query: RunItemsExportQuery,
  status: 200,
  response: T.String(),
  produces: 'text/csv',
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_BUSY'],
  audit: 'read-only',
});

export const exportRunItemsJson = endpoint({
  operationId: 'exportRunItemsJson',
  method: 'GET',
  path: '/api/v1/runs/:id/items.json',
  summary: 'Run items as a JSON file; a finished or blocked run only',
  tag,
  access: 'viewer',
  params: IdParams,
  query: RunItemsExportQuery,
  status: 200,
  response: T.Array(RunItemDto),
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_BUSY'],
  audit: 'read-only',
});

export const cancelRun = endpoint({
  operationId: 'cancelRun',
  method: 'POST',
  path: '/api/v1/runs/:id/cancel',
  summary: 'Cancel a queued run, or ask a running one to stop',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: RunDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['run.cancelled'],
});

export const approveRun = endpoint({
  operationId: 'approveRun',
  method: 'POST',
  path: '/api/v1/runs/:id/approve',
  summary: 'Approve a blocked run: it is queued again and applied despite the threshold',
  tag,
  access: 'operator',
  params: IdParams,
  body: DecisionBody,
  status: 200,
  response: RunDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['run.approved'],
});

export const discardRun = endpoint({
  operationId: 'discardRun',
  method: 'POST',
  path: '/api/v1/runs/:id/discard',
  summary: 'Discard a blocked run: nothing is applied',
  tag,
  access: 'operator',
  params: IdParams,
  body: DecisionBody,
  status: 200,
  response: RunDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['run.discarded'],
});
