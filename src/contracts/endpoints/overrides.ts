import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  CandidatesDto,
  CandidatesQuery,
  OverrideAddedDto,
  OverrideBody,
  OverrideDto,
  OverrideListDto,
  OverrideParams,
  QuarantineListDto,
  ReleaseBody,
  ReleasedDto,
} from '../schemas/overrides.ts';

const tag = 'Overrides and quarantine';

export const listOverrides = endpoint({
  operationId: 'listOverrides',
  method: 'GET',
  path: '/api/v1/connections/:id/overrides',
  summary: 'The operator overrides of the match stage: link, exclude, never match',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: OverrideListDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const addOverride = endpoint({
  operationId: 'addOverride',
  method: 'POST',
  path: '/api/v1/connections/:id/overrides',
  summary:
    'Add an override: link a person to an account, exclude a person, or never match an account to them (also "unlink"); the next run respects it',
  tag,
  access: 'operator',
  params: IdParams,
  body: OverrideBody,
  status: 201,
  response: OverrideAddedDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['connection.override-added'],
});

export const removeOverride = endpoint({
  operationId: 'removeOverride',
  method: 'DELETE',
  path: '/api/v1/connections/:id/overrides/:overrideId',
  summary: 'Remove an override; the next run matches the person as the configuration says',
  tag,
  access: 'operator',
  params: OverrideParams,
  status: 200,
  response: OverrideDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['connection.override-removed'],
});

export const listQuarantine = endpoint({
  operationId: 'listQuarantine',
  method: 'GET',
  path: '/api/v1/connections/:id/quarantine',
  summary: 'Persons the target refused for a reason retrying cannot fix; nothing is sent to them',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: QuarantineListDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const releaseQuarantine = endpoint({
  operationId: 'releaseQuarantine',
  method: 'POST',
  path: '/api/v1/connections/:id/quarantine/release',
  summary: 'Release one quarantined person (or everyone): the next run sends them again',
  tag,
  access: 'operator',
  params: IdParams,
  body: ReleaseBody,
  status: 200,
  response: ReleasedDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['connection.quarantine-released'],
});

export const getMatchCandidates = endpoint({
  operationId: 'getMatchCandidates',
  method: 'GET',
  path: '/api/v1/connections/:id/accounts',
  summary:
    'Accounts by id as the tenant showed them at the last read: UPN, display name, enabled, created, employee id, linked person',
  tag,
  access: 'viewer',
  params: IdParams,
  query: CandidatesQuery,
  status: 200,
  response: CandidatesDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});
