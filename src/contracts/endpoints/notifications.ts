import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  ConnectionNotificationsBody,
  ConnectionNotificationsDto,
  OrganisationNotificationsBody,
  OrganisationNotificationsDto,
  TestNotificationBody,
  TestNotificationResult,
} from '../schemas/notifications.ts';

const tag = 'Notifications';

export const getNotifications = endpoint({
  operationId: 'getNotifications',
  method: 'GET',
  path: '/api/v1/notifications',
  summary:
    "The organisation's notification rules, mail server and connection overrides (secrets never returned)",
  tag,
  access: 'operator',
  status: 200,
  response: OrganisationNotificationsDto,
  errors: [],
  audit: 'read-only',
});

export const setNotifications = endpoint({
  operationId: 'setNotifications',
  method: 'PUT',
  path: '/api/v1/notifications',
  summary:
    "Change the organisation's notification rules and mail server; secrets are write-only and kept when omitted",
  tag,
  access: 'admin',
  body: OrganisationNotificationsBody,
  status: 200,
  response: OrganisationNotificationsDto,
  errors: [],
  audit: ['notification.settings-changed'],
});

export const getConnectionNotifications = endpoint({
  operationId: 'getConnectionNotifications',
  method: 'GET',
  path: '/api/v1/connections/:id/notifications',
  summary: "A connection's notification override (inherit, override or off)",
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: ConnectionNotificationsDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const setConnectionNotifications = endpoint({
  operationId: 'setConnectionNotifications',
  method: 'PUT',
  path: '/api/v1/connections/:id/notifications',
  summary: "Change a connection's notification override",
  tag,
  access: 'admin',
  params: IdParams,
  body: ConnectionNotificationsBody,
  status: 200,
  response: ConnectionNotificationsDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['notification.settings-changed'],
});

export const sendTestNotification = endpoint({
  operationId: 'sendTestNotification',
  method: 'POST',
  path: '/api/v1/notifications/test',
  summary:
    "Send a test notification over every channel of the organisation's (or a connection's) saved rules; each delivery is audited",
  tag,
  access: 'admin',
  body: TestNotificationBody,
  status: 200,
  response: TestNotificationResult,
  errors: ['HRS_NOT_FOUND', 'HRS_RATE_LIMITED'],
  audit: ['notification.tested'],
});
