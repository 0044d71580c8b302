import { endpoint } from '../endpoint.ts';
import { RetentionDto } from '../schemas/settings.ts';

const tag = 'Settings';

export const getRetention = endpoint({
  operationId: 'getRetention',
  method: 'GET',
  path: '/api/v1/settings/retention',
  summary: 'How long run items and audit events are kept (defaults: 90 days, 10 runs, 730 days)',
  tag,
  access: 'viewer',
  status: 200,
  response: RetentionDto,
  errors: [],
  audit: 'read-only',
});

export const setRetention = endpoint({
  operationId: 'setRetention',
  method: 'PUT',
  path: '/api/v1/settings/retention',
  summary: 'Change how long run items and audit events are kept; the scheduler prunes in small batches',
  tag,
  access: 'admin',
  body: RetentionDto,
  status: 200,
  response: RetentionDto,
  errors: [],
  audit: ['settings.retention-changed'],
});
