import * as access from './access.ts';
import * as agents from './agents.ts';
import * as audit from './audit.ts';
import * as configuration from './configuration.ts';
import * as connections from './connections.ts';
import * as entitlements from './entitlements.ts';
import * as invitations from './invitations.ts';
import * as notifications from './notifications.ts';
import * as overrides from './overrides.ts';
import * as persons from './persons.ts';
import * as previews from './previews.ts';
import * as runs from './runs.ts';
import * as schedule from './schedule.ts';
import * as secondFactor from './second-factor.ts';
import * as settings from './settings.ts';
import * as tenants from './tenants.ts';

export * from './access.ts';
export * from './agents.ts';
export * from './audit.ts';
export * from './configuration.ts';
export * from './connections.ts';
export * from './entitlements.ts';
export * from './invitations.ts';
export * from './notifications.ts';
export * from './overrides.ts';
export * from './persons.ts';
export * from './previews.ts';
export * from './runs.ts';
export * from './schedule.ts';
export * from './second-factor.ts';
export * from './settings.ts';
export * from './tenants.ts';

/** Every endpoint, for the OpenAPI agreement test and the route-coverage test. */
export const ENDPOINTS = Object.freeze([
  ...Object.values(access),
  ...Object.values(tenants),
  ...Object.values(connections),
  ...Object.values(configuration),
  ...Object.values(persons),
  ...Object.values(entitlements),
  ...Object.values(schedule),
  ...Object.values(runs),
  ...Object.values(previews),
  ...Object.values(audit),
  ...Object.values(settings),
  ...Object.values(agents),
  ...Object.values(notifications),
  ...Object.values(overrides),
  ...Object.values(invitations),
  ...Object.values(secondFactor),
]);
