import { Type as T } from '@sinclair/typebox';
import { endpoint } from '../endpoint.ts';
import { AuditExportQuery, AuditPage, AuditQuery } from '../schemas/audit.ts';

const tag = 'Audit log';

export const listAuditEvents = endpoint({
  operationId: 'listAuditEvents',
  method: 'GET',
  path: '/api/v1/audit-events',
  summary: 'The audit log, newest first, filtered by connection, time, actor, action, person, outcome',
  tag,
  access: 'viewer',
  query: AuditQuery,
  status: 200,
  response: AuditPage,
  errors: [],
  audit: 'read-only',
});

export const exportAuditEventsCsv = endpoint({
  operationId: 'exportAuditEventsCsv',
  method: 'GET',
  path: '/api/v1/audit-events.csv',
  summary: 'The filtered audit log as CSV (at most 100 000 events)',
  tag,
  access: 'viewer',
  query: AuditExportQuery,
  status: 200,
  response: T.String(),
  produces: 'text/csv',
  errors: ['HRS_BUSY'],
  audit: 'read-only',
});
