import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Name, NO_CONTROL_CHARACTERS, Nullable, Timestamp } from './common.ts';

export const AgentStatusSchema = T.Union(
  [
    T.Literal('awaiting-registration'),
    T.Literal('key-expired'),
    T.Literal('registered'),
    T.Literal('revoked'),
  ],
  {
    description:
      'a registration waits for its key to be used (within the hour), then the agent is registered',
  },
);

export type AgentStatus = Static<typeof AgentStatusSchema>;

export const AgentControllersDto = T.Object({
  ok: T.Boolean({ description: 'whether the domain controllers answered the agent’s last check' }),
  message: T.String(),
  checkedAt: Timestamp,
});

export const AgentDto = T.Object({
  id: Id,
  tenantId: Id,
  name: T.String(),
  status: AgentStatusSchema,
  host: Nullable(T.String()),
  version: Nullable(T.String()),
  createdBy: T.String({ description: 'the raw actor: a user’s e-mail, `token ‹name› (‹e-mail›)`' }),
  createdByName: T.String({
    description:
      'who created it, as a person would name them: “Jan Bakker”, “API token ‹name›”; createdBy keeps the raw actor (a user’s e-mail address)',
  }),
  createdAt: Timestamp,
  keyExpiresAt: Timestamp,
  registeredAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  connected: T.Boolean({ description: 'the agent was heard from within the silence limit' }),
  connectedSince: Nullable(Timestamp),
  lastSeenAt: Nullable(Timestamp),
  controllers: Nullable(AgentControllersDto),
});

export const NewAgentBody = T.Object(
  { name: Name },
  { additionalProperties: false, description: 'a name that tells the agent apart, e.g. its server' },
);

export const AgentRegistrationDto = T.Object({
  key: T.String({ description: 'the one-time registration key: shown once, valid for an hour, usable once' }),
  expiresAt: Timestamp,
  agent: AgentDto,
});

/** Ed25519 public key as a JWK (RFC 8037). */
export const AgentPublicKey = T.Object(
  {
    kty: T.Literal('OKP'),
    crv: T.Literal('Ed25519'),
    x: T.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  { additionalProperties: false },
);

// Shown in the console, the audit trail and the log: a line break or escape code there could forge a line.
const HostText = T.String({ minLength: 1, maxLength: 255, pattern: NO_CONTROL_CHARACTERS });

export const RegisterAgentBody = T.Object(
  {
    key: T.String({ minLength: 1, maxLength: 200 }),
    publicKey: AgentPublicKey,
    host: HostText,
    version: T.String({ minLength: 1, maxLength: 50, pattern: NO_CONTROL_CHARACTERS }),
  },
  { additionalProperties: false },
);

export const AgentRegisteredDto = T.Object({
  agentId: Id,
  tenantId: Id,
  tenantName: T.String(),
  name: T.String(),
});

export const AgentOperationDto = T.Object({
  id: Id,
  kind: T.String(),
  payload: T.Unknown(),
});

export const AgentTimingsDto = T.Object({
  holdMs: T.Integer({ description: 'how long the service holds a work request open when there is no work' }),
  heartbeatMs: T.Integer({ description: 'how often a working agent says it is still working' }),
  silenceMs: T.Integer({
    description: 'after this long without a word, the agent’s operations go elsewhere',
  }),
});

export const AgentWorkBody = T.Object(
  {
    working: T.Array(Id, { maxItems: 100, description: 'ids of the operations the agent is carrying out' }),
    capacity: T.Integer({ minimum: 0, maximum: 16, description: 'how many more operations it takes now' }),
    wait: T.Boolean({ description: 'hold the request open until there is work (long poll)' }),
    controllers: T.Optional(T.Object({ ok: T.Boolean(), message: T.String({ maxLength: 2000 }) })),
  },
  { additionalProperties: false },
);

export const AgentLimitsDto = T.Object({
  pageBytes: T.Integer({
    description:
      'the largest request body one page of a read may be, in bytes (`{"seq":…,"data":[…]}` as sent): the agent splits its pages to fit, and fails a read with an entry that alone is larger',
  }),
});

export const AgentWorkDto = T.Object({
  operations: T.Array(AgentOperationDto),
  timings: AgentTimingsDto,
  limits: AgentLimitsDto,
  /** The directory settings without secrets, so the agent can check its controllers between runs. */
  directory: Nullable(T.Unknown()),
});

export const AgentPageBody = T.Object(
  { seq: T.Integer({ minimum: 0, maximum: 100000 }), data: T.Unknown() },
  { additionalProperties: false },
);

export const AgentResultBody = T.Object({ result: T.Unknown() }, { additionalProperties: false });

export const AgentAckDto = T.Object({
  outcome: T.Union([T.Literal('accepted'), T.Literal('duplicate')], {
    description: '`duplicate`: the same result had already arrived (a retry after a lost response)',
  }),
});

export const OperationParams = T.Object({ id: Id });
