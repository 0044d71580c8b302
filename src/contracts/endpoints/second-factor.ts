import { endpoint } from '../endpoint.ts';
import { SessionDto, UserDto } from '../schemas/access.ts';
import { IdParams } from '../schemas/common.ts';
import {
  DisableSecondFactorBody,
  RecoveryCodesDto,
  SecondFactorCodeBody,
  SecondFactorEnrolmentDto,
  SecondFactorStatusDto,
} from '../schemas/second-factor.ts';

const tag = 'Access';

export const verifySecondFactor = endpoint({
  operationId: 'verifySecondFactor',
  method: 'POST',
  path: '/api/v1/session/second-factor',
  summary:
    'Finish signing in with the code from the authenticator app or a recovery code (after the password was accepted)',
  tag,
  access: 'public',
  body: SecondFactorCodeBody,
  status: 200,
  response: SessionDto,
  errors: ['HRS_UNAUTHENTICATED', 'HRS_RATE_LIMITED'],
  audit: ['session.signed-in', 'session.locked-out'],
});

export const getSecondFactor = endpoint({
  operationId: 'getSecondFactor',
  method: 'GET',
  path: '/api/v1/account/second-factor',
  summary: 'Your second factor: on or off, recovery codes left, whether your organisation requires it',
  tag,
  access: 'viewer',
  status: 200,
  response: SecondFactorStatusDto,
  errors: ['HRS_FORBIDDEN'],
  audit: 'read-only',
});

export const startSecondFactorEnrolment = endpoint({
  operationId: 'startSecondFactorEnrolment',
  method: 'POST',
  path: '/api/v1/account/second-factor/enrolment',
  summary:
    'Start setting up a second factor: a new authenticator secret, shown this once; it is on only after a code confirms it',
  tag,
  access: 'viewer',
  status: 201,
  response: SecondFactorEnrolmentDto,
  errors: ['HRS_FORBIDDEN', 'HRS_CONFLICT'],
  audit: ['user.second-factor-enrolment-started'],
});

export const confirmSecondFactorEnrolment = endpoint({
  operationId: 'confirmSecondFactorEnrolment',
  method: 'POST',
  path: '/api/v1/account/second-factor',
  summary:
    'Confirm the enrolment with a current code: the second factor is on; answers the recovery codes once',
  tag,
  access: 'viewer',
  body: SecondFactorCodeBody,
  status: 200,
  response: RecoveryCodesDto,
  errors: ['HRS_FORBIDDEN', 'HRS_CONFLICT'],
  audit: ['user.second-factor-enabled'],
});

export const disableSecondFactor = endpoint({
  operationId: 'disableSecondFactor',
  method: 'POST',
  path: '/api/v1/account/second-factor/disable',
  summary: 'Turn your second factor off (needs your password and a current code or recovery code)',
  tag,
  access: 'viewer',
  body: DisableSecondFactorBody,
  status: 204,
  errors: ['HRS_FORBIDDEN', 'HRS_CONFLICT', 'HRS_RATE_LIMITED'],
  audit: ['user.second-factor-disabled', 'session.locked-out'],
});

export const renewRecoveryCodes = endpoint({
  operationId: 'renewRecoveryCodes',
  method: 'POST',
  path: '/api/v1/account/second-factor/recovery-codes',
  summary: 'New recovery codes (needs a current code); the earlier ones stop working',
  tag,
  access: 'viewer',
  body: SecondFactorCodeBody,
  status: 200,
  response: RecoveryCodesDto,
  errors: ['HRS_FORBIDDEN', 'HRS_CONFLICT', 'HRS_RATE_LIMITED'],
  audit: ['user.recovery-codes-renewed', 'session.locked-out'],
});

export const resetUserSecondFactor = endpoint({
  operationId: 'resetUserSecondFactor',
  method: 'DELETE',
  path: '/api/v1/users/:id/second-factor',
  summary:
    'Remove another user’s second factor (a lost phone): they sign in with their password and, where required, set up a new one; their sessions end',
  tag,
  access: 'admin',
  params: IdParams,
  status: 200,
  response: UserDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['user.second-factor-reset'],
});
