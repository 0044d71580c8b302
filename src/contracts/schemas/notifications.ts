import { Type as T } from '@sinclair/typebox';
import { Email } from './access.ts';
import { Id, Nullable, SecretState } from './common.ts';

/** Which trouble is worth a message (run outcomes of syncs, and quarantined persons). */
export const NOTIFICATION_EVENTS = [
  'run-blocked',
  'run-failed',
  'run-completed-with-failures',
  'person-quarantined',
] as const;
export const NOTIFICATION_EVENT_LABELS: Readonly<Record<(typeof NOTIFICATION_EVENTS)[number], string>> = {
  'run-blocked': 'A sync is blocked by a safety threshold',
  'run-failed': 'A sync fails',
  'run-completed-with-failures': 'A sync completes with failures',
  'person-quarantined': 'A person is quarantined',
};
export const WEBHOOK_FORMATS = ['json', 'teams', 'slack'] as const;
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export const OVERRIDE_MODES = ['inherit', 'override', 'off'] as const;

const lit = <L extends string>(values: readonly L[], description: string) =>
  T.Union(
    values.map((v) => T.Literal(v)),
    { description },
  );
const NotificationEvent = lit(NOTIFICATION_EVENTS, 'an event that sends notifications');
const WebhookFormat = lit(
  WEBHOOK_FORMATS,
  'json: hrsync event JSON, HMAC-signed; teams: an Adaptive Card message (Teams Workflows); slack: an incoming-webhook `text` message',
);
const Events = T.Array(NotificationEvent, { maxItems: 4, uniqueItems: true });
const Emails = T.Array(Email, { maxItems: 20, uniqueItems: true, description: 'e-mail recipients' });
const WebhookName = T.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const WebhookDto = T.Object({
  id: Id,
  name: T.String(),
  /** Only scheme, host and port: a chat webhook's path is its key. */
  target: T.String({ description: 'scheme, host and port; the URL itself is write-only' }),
  format: WebhookFormat,
  url: SecretState,
  signingKey: SecretState,
});

export const WebhookInput = T.Object(
  {
    id: T.Optional(Id),
    name: WebhookName,
    url: T.Optional(
      T.String({
        minLength: 8,
        maxLength: 2000,
        description: 'https URL; write-only; required for a new webhook, omit to keep the saved one',
      }),
    ),
    format: WebhookFormat,
    signingKey: T.Optional(
      T.String({
        minLength: 16,
        maxLength: 200,
        description:
          'HMAC-SHA256 key, write-only; required for json webhooks; omit to keep the saved one. Signature: X-Hrsync-Signature = sha256=hex(HMAC(key, "<X-Hrsync-Timestamp>.<body>"))',
      }),
    ),
  },
  { additionalProperties: false },
);

export const NotificationRulesFields = {
  events: Events,
  emails: Emails,
};

const Security = lit(
  SMTP_SECURITY,
  'starttls (port 587), tls (port 465), none (a relay on a trusted network)',
);

export const SmtpDto = T.Object({
  host: T.String(),
  port: T.Integer(),
  security: Security,
  username: Nullable(T.String()),
  password: SecretState,
  from: T.String(),
});

export const SmtpInput = T.Object(
  {
    host: T.String({
      minLength: 1,
      maxLength: 253,
      pattern: '^[A-Za-z0-9.-]+$|^\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]?$',
    }),
    port: T.Integer({ minimum: 1, maximum: 65535 }),
    security: Security,
    username: T.Optional(Nullable(T.String({ minLength: 1, maxLength: 320 }))),
    password: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 1000,
        description: 'write-only; sent only to the host it was saved with; omit to keep the saved one',
      }),
    ),
    from: Email,
  },
  { additionalProperties: false },
);

export const OrganisationNotificationsDto = T.Object({
  events: Events,
  emails: Emails,
  webhooks: T.Array(WebhookDto),
  smtp: Nullable(SmtpDto),
  /** The server's mail server (HRSYNC_SMTP_*), used when `smtp` is null. */
  serverSmtp: T.Object({ configured: T.Boolean(), from: Nullable(T.String()) }),
  overrides: T.Array(
    T.Object({ connectionId: Id, connectionName: T.String(), mode: lit(OVERRIDE_MODES, 'override mode') }),
  ),
});

export const OrganisationNotificationsBody = T.Object(
  {
    events: Events,
    emails: Emails,
    webhooks: T.Array(WebhookInput, { maxItems: 10 }),
    smtp: T.Union([SmtpInput, T.Null()], {
      description: "the organisation's own mail server; null = the server's (HRSYNC_SMTP_*)",
    }),
  },
  { additionalProperties: false },
);

const Mode = lit(
  OVERRIDE_MODES,
  "inherit: the organisation's rules; override: this connection's own events, recipients and webhooks; off: none",
);

export const ConnectionNotificationsDto = T.Object({
  mode: Mode,
  events: Events,
  emails: Emails,
  webhooks: T.Array(WebhookDto),
});

export const ConnectionNotificationsBody = T.Object(
  {
    mode: Mode,
    events: Events,
    emails: Emails,
    webhooks: T.Array(WebhookInput, { maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const TestNotificationBody = T.Object(
  { connectionId: T.Optional(Id) },
  { additionalProperties: false },
);

export const TestNotificationResult = T.Object({
  results: T.Array(
    T.Object({
      channel: lit(['email', 'webhook'], 'channel'),
      target: T.String(),
      ok: T.Boolean(),
      attempts: T.Integer({ minimum: 0 }),
      error: Nullable(T.String()),
    }),
  ),
});
