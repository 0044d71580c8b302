import type { RepoContext } from '../context.ts';
import { fromJson, toJson } from '../json.ts';

/** Which trouble is worth a message. */
export type NotificationEventKind =
  | 'run-blocked'
  | 'run-failed'
  | 'run-completed-with-failures'
  | 'person-quarantined';

export type WebhookFormat = 'json' | 'teams' | 'slack';
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** A webhook: its URL is write-only (chat webhooks carry their key in the path), kept as a secret. */
export interface WebhookRecord {
  readonly id: string;
  readonly name: string;
  /** `https://host[:port]` only, for display and the audit log. */
  readonly origin: string;
  readonly urlSecretId: string;
  readonly format: WebhookFormat;
  /** The HMAC-SHA256 signing key, write-only; null = unsigned (only chat formats). */
  readonly signingSecretId: string | null;
}

export interface SmtpRecord {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly username: string | null;
  /** Sealed; only ever sent to `host`. */
  readonly passwordSecretId: string | null;
  readonly from: string;
}

export interface NotificationRules {
  readonly events: readonly NotificationEventKind[];
  readonly emails: readonly string[];
  readonly webhooks: readonly WebhookRecord[];
}

export interface OrganisationNotifications extends NotificationRules {
  /** The organisation's own mail server; null = the server's (HRSYNC_SMTP_*). */
  readonly smtp: SmtpRecord | null;
}

/** inherit: the organisation's rules; override: these rules instead; off: nothing for this connection. */
export type OverrideMode = 'inherit' | 'override' | 'off';

export interface ConnectionNotifications extends NotificationRules {
  readonly mode: OverrideMode;
}

export const DEFAULT_ORGANISATION_NOTIFICATIONS: OrganisationNotifications = Object.freeze({
  events: Object.freeze([
    'run-blocked',
    'run-failed',
    'run-completed-with-failures',
    'person-quarantined',
  ] as const),
  emails: Object.freeze([]),
  webhooks: Object.freeze([]),
  smtp: null,
});

export const DEFAULT_CONNECTION_NOTIFICATIONS: ConnectionNotifications = Object.freeze({
  mode: 'inherit',
  events: DEFAULT_ORGANISATION_NOTIFICATIONS.events,
  emails: Object.freeze([]),
  webhooks: Object.freeze([]),
});

const ORGANISATION_SCOPE = 'organisation';

export class NotificationSettingsRepository {
  constructor(private readonly ctx: RepoContext) {}

  async #read<T>(organisationId: string, scope: string): Promise<T | null> {
    const row = await this.ctx.db
      .selectFrom('notification_settings')
      .select('settings')
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return row ? fromJson<T>(row.settings) : null;
  }

  async #write(organisationId: string, scope: string, settings: unknown): Promise<void> {
    const values = { settings: toJson(settings), updated_at: this.ctx.clock.now() };
    const updated = await this.ctx.db
      .updateTable('notification_settings')
      .set(values)
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.ctx.db
        .insertInto('notification_settings')
        .values({ organisation_id: organisationId, scope, ...values })
        .execute();
    }
  }

  async organisation(organisationId: string): Promise<OrganisationNotifications> {
    return (
      (await this.#read<OrganisationNotifications>(organisationId, ORGANISATION_SCOPE)) ??
      DEFAULT_ORGANISATION_NOTIFICATIONS
    );
  }

  async setOrganisation(organisationId: string, settings: OrganisationNotifications): Promise<void> {
    await this.#write(organisationId, ORGANISATION_SCOPE, settings);
  }

  async connection(organisationId: string, connectionId: string): Promise<ConnectionNotifications> {
    return (
      (await this.#read<ConnectionNotifications>(organisationId, `connection:${connectionId}`)) ??
      DEFAULT_CONNECTION_NOTIFICATIONS
    );
  }

  async setConnection(
    organisationId: string,
    connectionId: string,
    settings: ConnectionNotifications,
  ): Promise<void> {
    await this.#write(organisationId, `connection:${connectionId}`, settings);
  }

  /** Connection ids with a stored override (for the settings page's overview). */
  async overrides(organisationId: string): Promise<readonly string[]> {
    const rows = await this.ctx.db
      .selectFrom('notification_settings')
      .select('scope')
      .where('organisation_id', '=', organisationId)
      .where('scope', 'like', 'connection:%')
      .execute();
    return rows.map((r) => r.scope.slice('connection:'.length));
  }
}
