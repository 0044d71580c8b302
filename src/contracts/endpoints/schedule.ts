import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  ScheduleBody,
  SchedulePreviewDto,
  SchedulePreviewQuery,
  ScheduleStateDto,
} from '../schemas/connections.ts';

const tag = 'Schedule';

export const getSchedule = endpoint({
  operationId: 'getSchedule',
  method: 'GET',
  path: '/api/v1/connections/:id/schedule',
  summary: 'The schedule and the next run time',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: ScheduleStateDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const setSchedule = endpoint({
  operationId: 'setSchedule',
  method: 'PUT',
  path: '/api/v1/connections/:id/schedule',
  summary:
    'Set the start and interval (in the connection’s time zone); `activate: true` is "save and activate"',
  tag,
  access: 'operator',
  params: IdParams,
  body: ScheduleBody,
  status: 200,
  response: ScheduleStateDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['connection.schedule-changed', 'connection.state-changed'],
});

export const removeSchedule = endpoint({
  operationId: 'removeSchedule',
  method: 'DELETE',
  path: '/api/v1/connections/:id/schedule',
  summary: 'Remove the schedule; the connection keeps its state and can still sync on demand',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: ScheduleStateDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['connection.schedule-changed'],
});

export const previewSchedule = endpoint({
  operationId: 'previewSchedule',
  method: 'GET',
  path: '/api/v1/connections/:id/schedule/preview',
  summary: 'The next run times of the saved schedule, or of the one given in the query',
  tag,
  access: 'viewer',
  params: IdParams,
  query: SchedulePreviewQuery,
  status: 200,
  response: SchedulePreviewDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: 'read-only',
});
