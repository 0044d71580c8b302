import { Type as T } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.ts';

/** A code from the authenticator app (6 digits, spaces allowed) or a recovery code (xxxxx-xxxxx). */
export const SecondFactorCode = T.String({
  minLength: 6,
  maxLength: 32,
  pattern: '^[0-9A-Za-z -]+$',
  description: 'the 6-digit code from the authenticator app, or one of the recovery codes',
});

export const SecondFactorCodeBody = T.Object({ code: SecondFactorCode }, { additionalProperties: false });

export const DisableSecondFactorBody = T.Object(
  { password: T.String({ minLength: 1, maxLength: 1024 }), code: SecondFactorCode },
  { additionalProperties: false },
);

export const SecondFactorStatusDto = T.Object({
  enabled: T.Boolean({ description: 'a second factor (TOTP) is on for your account' }),
  enabledAt: Nullable(Timestamp),
  enrolmentPending: T.Boolean({ description: 'an enrolment was started and waits for its first code' }),
  recoveryCodesLeft: T.Integer({ minimum: 0 }),
  required: T.Boolean({
    description: 'your organisation requires admins to use a second factor, and you are one',
  }),
  microsoft: T.Boolean({
    description:
      'you signed in with Microsoft: Entra does the multi-factor authentication, hrsync asks no code',
  }),
});

export const SecondFactorEnrolmentDto = T.Object({
  secret: T.String({ description: 'base32; shown once, for typing into the app by hand' }),
  secretGroups: T.String({ description: 'the same secret in groups of four characters' }),
  uri: T.String({ description: 'otpauth:// URI for the app (also shown as a QR code in the console)' }),
  issuer: T.String(),
  account: T.String(),
  algorithm: T.Literal('SHA1'),
  digits: T.Literal(6),
  period: T.Literal(30),
});

export const RecoveryCodesDto = T.Object({
  recoveryCodes: T.Array(T.String(), {
    description: 'shown once: each works once, instead of a code; earlier recovery codes stop working',
  }),
});

/** The answer to a right password when the account has a second factor. */
export const SecondFactorChallengeDto = T.Object({
  secondFactor: T.Literal('pending', {
    description: 'send a code to POST /api/v1/session/second-factor to finish signing in',
  }),
  expiresAt: Timestamp,
});
