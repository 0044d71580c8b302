import { Type as T } from '@sinclair/typebox';
import { OVERRIDE_KINDS } from '../../core/overrides.ts';
import { Id, Nullable, Timestamp } from './common.ts';

export const OverrideKindSchema = T.Union(OVERRIDE_KINDS.map((k) => T.Literal(k)));

/** An account as the tenant showed it at the last read (the connection's tenant cache). */
export const AccountSummaryDto = T.Object({
  id: T.String(),
  upn: Nullable(T.String()),
  displayName: Nullable(T.String()),
  enabled: Nullable(T.Boolean()),
  createdAt: Nullable(T.String({ description: 'when the account was created, as the target says' })),
  employeeId: Nullable(T.String()),
  linkedTo: Nullable(T.String({ description: 'employee number hrsync links this account to' })),
});

export const OverrideDto = T.Object({
  id: Id,
  kind: OverrideKindSchema,
  employeeNumber: T.String(),
  personName: Nullable(T.String({ description: 'from the latest run that planned the person' })),
  accountId: Nullable(T.String()),
  account: Nullable(AccountSummaryDto),
  reason: Nullable(T.String()),
  createdAt: Timestamp,
  createdBy: T.String({ description: 'the raw actor: a user’s e-mail, `token ‹name› (‹e-mail›)`' }),
  createdByName: T.String({
    description:
      'who created it, as a person would name them: “Jan Bakker”, “API token ‹name›”; createdBy keeps the raw actor (a user’s e-mail address)',
  }),
});

export const OverrideListDto = T.Object({ overrides: T.Array(OverrideDto) });

export const OverrideBody = T.Object(
  {
    kind: OverrideKindSchema,
    employeeNumber: T.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
    accountId: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9{}=,._:-]+$',
        description: 'the account (object id / GUID) of a link or never-match; absent for exclude',
      }),
    ),
    reason: T.Optional(T.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const OverrideAddedDto = T.Object({
  override: OverrideDto,
  replaced: T.Array(OverrideDto, { description: 'overrides of the same person this one contradicts' }),
  released: T.Boolean({ description: 'the person was quarantined and is sent again' }),
});

export const OverrideParams = T.Object({ id: Id, overrideId: Id });

export const QuarantineDto = T.Object({
  employeeNumber: T.String(),
  displayName: T.String(),
  accountId: Nullable(T.String()),
  account: Nullable(AccountSummaryDto),
  since: Timestamp,
  code: T.String(),
  message: T.String(),
});

export const QuarantineListDto = T.Object({ persons: T.Array(QuarantineDto) });

export const ReleaseBody = T.Object(
  {
    employeeNumber: T.Optional(
      T.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: 'absent: release everyone' }),
    ),
  },
  { additionalProperties: false },
);

export const ReleasedDto = T.Object({ released: T.Array(QuarantineDto) });

export const CandidatesQuery = T.Object(
  {
    ids: T.String({
      minLength: 1,
      maxLength: 2100,
      pattern: '^[A-Za-z0-9{}=._:-]+(,[A-Za-z0-9{}=._:-]+){0,19}$',
      description: 'up to 20 account ids, comma-separated',
    }),
  },
  { additionalProperties: false },
);

export const CandidatesDto = T.Object({
  accounts: T.Array(AccountSummaryDto),
  missing: T.Array(T.String(), { description: 'ids not in the tenant as last read' }),
});
