/**
 * Notification settings (README, Notifications): the organisation's rules and mail server, each
 * connection's override, and "send a test notification". Webhook URLs, signing keys and the mail
 * server's password are write-only secrets: responses say only whether one is set, and the password
 * is only ever sent to the host it was saved with (re-enter it when the host changes).
 */
import type { FastifyInstance } from 'fastify';
import {
  getConnectionNotifications,
  getNotifications,
  sendTestNotification,
  setConnectionNotifications,
  setNotifications,
} from '../../contracts/index.ts';
import {
  type EndpointPolicy,
  endpointProblem,
  mailServerHost,
  secretRebindProblem,
  smtpUrl,
} from '../../core/endpoint-policy.ts';
import { HrsyncError } from '../../core/index.ts';
import { newWebhookId } from '../../notify/ids.ts';
import type {
  NotificationRules,
  OrganisationNotifications,
  SmtpRecord,
  Store,
  WebhookFormat,
  WebhookRecord,
} from '../../store/index.ts';
import { describeActor } from '../actor-names.ts';
import { registerEndpoint } from '../route.ts';

interface WebhookInput {
  readonly id?: string;
  readonly name: string;
  readonly url?: string;
  readonly format: WebhookFormat;
  readonly signingKey?: string;
}

const invalid = (path: string, message: string) =>
  new HrsyncError('HRS_VALIDATION', `${path}: ${message}`, { details: [{ path, message }] });

const webhookDto = (w: WebhookRecord) => ({
  id: w.id,
  name: w.name,
  target: w.origin,
  format: w.format,
  url: { set: true },
  signingKey: { set: w.signingSecretId !== null },
});

const rulesDto = (r: NotificationRules) => ({
  events: [...r.events],
  emails: [...r.emails],
  webhooks: r.webhooks.map(webhookDto),
});

/** Turns the submitted webhooks into records, sealing new secrets; returns the secrets no longer used. */
async function saveWebhooks(
  store: Store,
  organisationId: string,
  inputs: readonly WebhookInput[],
  existing: readonly WebhookRecord[],
  policy: EndpointPolicy,
): Promise<{ records: WebhookRecord[]; unused: string[] }> {
  const byId = new Map(existing.map((w) => [w.id, w]));
  const records: WebhookRecord[] = [];
  const unused: string[] = [];
  const names = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    const path = `/webhooks/${i}`;
    const before = input.id === undefined ? undefined : byId.get(input.id);
    if (input.id !== undefined && !before) throw invalid(`${path}/id`, 'no saved webhook has this id');
    const name = input.name.trim();
    if (names.has(name.toLowerCase())) throw invalid(`${path}/name`, `a second webhook is called “${name}”`);
    names.add(name.toLowerCase());
    let origin = before?.origin;
    if (input.url !== undefined) {
      const problem = endpointProblem('webhook', input.url.trim(), policy);
      if (problem) throw invalid(`${path}/url`, `the webhook URL ${problem}`);
      origin = new URL(input.url.trim()).origin;
    } else if (!before) {
      throw invalid(`${path}/url`, 'a new webhook needs its URL');
    }
    if (input.format === 'json' && input.signingKey === undefined && !before?.signingSecretId) {
      throw invalid(`${path}/signingKey`, 'a json webhook needs a signing key (16 or more characters)');
    }
    const urlSecretId =
      input.url === undefined
        ? before!.urlSecretId
        : await store.secrets.put(organisationId, input.url.trim());
    const signingSecretId =
      input.signingKey === undefined
        ? (before?.signingSecretId ?? null)
        : await store.secrets.put(organisationId, input.signingKey);
    if (before && before.urlSecretId !== urlSecretId) unused.push(before.urlSecretId);
    if (before?.signingSecretId && before.signingSecretId !== signingSecretId)
      unused.push(before.signingSecretId);
    records.push({
      id: before?.id ?? newWebhookId(),
      name,
      origin: origin!,
      urlSecretId,
      format: input.format,
      signingSecretId,
    });
  }
  const kept = new Set(records.map((r) => r.id));
  for (const w of existing) {
    if (kept.has(w.id)) continue;
    unused.push(w.urlSecretId);
    if (w.signingSecretId) unused.push(w.signingSecretId);
  }
  return { records, unused };
}

function normaliseEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails
    .map((e) => e.trim())
    .filter((e) => {
      const key = e.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

async function saveSmtp(
  store: Store,
  organisationId: string,
  input: {
    readonly host: string;
    readonly port: number;
    readonly security: 'tls' | 'starttls' | 'none';
    readonly username?: string | null;
    readonly password?: string;
    readonly from: string;
  } | null,
  before: SmtpRecord | null,
  policy: EndpointPolicy,
): Promise<{ smtp: SmtpRecord | null; unused: string[] }> {
  if (input === null)
    return { smtp: null, unused: before?.passwordSecretId ? [before.passwordSecretId] : [] };
  const written = mailServerHost(input.host);
  if ('problem' in written) throw invalid('/smtp/host', `the mail server ${written.problem}`);
  const host = written.host;
  const problem = endpointProblem('smtp', smtpUrl(host, input.port), policy);
  if (problem) throw invalid('/smtp/host', `the mail server ${problem}`);
  const username = input.username?.trim() || null;
  const endpointChanged = before !== null && (before.host !== host || before.port !== input.port);
  const rebind = secretRebindProblem({
    endpointChanged,
    secretStored: before?.passwordSecretId != null,
    secretEntered: input.password !== undefined,
    secretName: 'the mail server password',
  });
  if (rebind && username !== null) throw invalid('/smtp/password', rebind);
  if (input.password !== undefined && username === null) {
    throw invalid('/smtp/username', 'a password needs the user name it belongs to');
  }
  const passwordSecretId =
    username === null
      ? null
      : input.password !== undefined
        ? await store.secrets.put(organisationId, input.password)
        : endpointChanged
          ? null
          : (before?.passwordSecretId ?? null);
  // In plain text only to a relay the server's own setting names (a test server, the demo).
  const trusted = policy.allowedHosts.some((h) => h === '*' || h === host || h === `${host}:${input.port}`);
  if (input.security === 'none' && passwordSecretId !== null && !trusted) {
    throw invalid('/smtp/security', 'a password is only sent over TLS: choose starttls or tls');
  }
  const unused =
    before?.passwordSecretId && before.passwordSecretId !== passwordSecretId ? [before.passwordSecretId] : [];
  return {
    smtp: {
      host,
      port: input.port,
      security: input.security,
      username,
      passwordSecretId,
      from: input.from.trim(),
    },
    unused,
  };
}

const smtpDto = (s: SmtpRecord | null) =>
  s === null
    ? null
    : {
        host: s.host,
        port: s.port,
        security: s.security,
        username: s.username,
        password: { set: s.passwordSecretId !== null },
        from: s.from,
      };

/**
 * Tests an organisation may send in a window. A test goes over every channel of the saved rules (up
 * to 20 e-mails through the server's mail server, whose reputation all organisations share, and 10
 * webhook posts); without a limit a script could send them all day. Counted in this process.
 */
export const TEST_NOTIFICATION_LIMIT = { count: 10, windowMinutes: 60 } as const;

/** When each organisation sent its recent tests (ms), oldest first. */
class TestWindow {
  readonly #sent = new Map<string, number[]>();

  /** Seconds until the organisation may send again, or 0 when it may now (and it is counted). */
  take(organisationId: string, now: number): number {
    const windowMs = TEST_NOTIFICATION_LIMIT.windowMinutes * 60_000;
    for (const [org, times] of this.#sent) {
      while (times.length > 0 && (times[0] as number) <= now - windowMs) times.shift();
      if (times.length === 0) this.#sent.delete(org);
    }
    const times = this.#sent.get(organisationId) ?? [];
    if (times.length >= TEST_NOTIFICATION_LIMIT.count) {
      return Math.max(1, Math.ceil(((times[0] as number) + windowMs - now) / 1000));
    }
    times.push(now);
    this.#sent.set(organisationId, times);
    return 0;
  }
}

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const tests = new TestWindow();
  const organisationDto = async (
    store: Store,
    organisationId: string,
    settings: OrganisationNotifications,
  ) => {
    const ids = await store.notifications.overrides(organisationId);
    const overrides = [];
    for (const id of ids) {
      const [connection, own] = await Promise.all([
        store.connections.get(organisationId, id),
        store.notifications.connection(organisationId, id),
      ]);
      if (connection && own.mode !== 'inherit') {
        overrides.push({ connectionId: id, connectionName: connection.name, mode: own.mode });
      }
    }
    const server = app.deps.notifier.serverSmtp;
    return {
      ...rulesDto(settings),
      smtp: smtpDto(settings.smtp),
      serverSmtp: { configured: server !== null, from: server?.from ?? null },
      overrides: overrides.sort((a, b) => a.connectionName.localeCompare(b.connectionName)),
    };
  };

  registerEndpoint(app, getNotifications, async ({ caller, store }) =>
    organisationDto(
      store,
      caller.organisationId,
      await store.notifications.organisation(caller.organisationId),
    ),
  );

  registerEndpoint(app, setNotifications, async ({ caller, store, body, audit, deps }) => {
    const org = caller.organisationId;
    const after = await store.transaction(async (tx) => {
      const before = await tx.notifications.organisation(org);
      const hooks = await saveWebhooks(tx, org, body.webhooks, before.webhooks, deps.endpointPolicy);
      const smtp = await saveSmtp(tx, org, body.smtp, before.smtp, deps.endpointPolicy);
      const settings: OrganisationNotifications = {
        events: [...new Set(body.events)],
        emails: normaliseEmails(body.emails),
        webhooks: hooks.records,
        smtp: smtp.smtp,
      };
      await tx.notifications.setOrganisation(org, settings);
      await tx.secrets.delete(org, [...hooks.unused, ...smtp.unused]);
      await audit(
        'notification.settings-changed',
        {
          message: `organisation notification settings changed: ${settings.events.length} events, ${settings.emails.length} e-mail recipients, ${settings.webhooks.length} webhooks, ${settings.smtp ? `mail server ${settings.smtp.host}` : "the server's mail server"}`,
          details: {
            events: settings.events,
            emails: settings.emails,
            webhooks: settings.webhooks.map((w) => ({ name: w.name, target: w.origin, format: w.format })),
            smtp: settings.smtp
              ? { host: settings.smtp.host, port: settings.smtp.port, security: settings.smtp.security }
              : null,
          },
        },
        tx,
      );
      return settings;
    });
    return organisationDto(store, org, after);
  });

  const connectionOf = async (store: Store, organisationId: string, id: string) => {
    const connection = await store.connections.get(organisationId, id);
    if (!connection)
      throw new HrsyncError('HRS_NOT_FOUND', `There is no connection ${id} in your organisation.`);
    return connection;
  };

  registerEndpoint(app, getConnectionNotifications, async ({ caller, store, params }) => {
    await connectionOf(store, caller.organisationId, params.id);
    const own = await store.notifications.connection(caller.organisationId, params.id);
    return { mode: own.mode, ...rulesDto(own) };
  });

  registerEndpoint(
    app,
    setConnectionNotifications,
    async ({ caller, store, params, body, audit, about, deps }) => {
      const org = caller.organisationId;
      const connection = await connectionOf(store, org, params.id);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      const after = await store.transaction(async (tx) => {
        const before = await tx.notifications.connection(org, connection.id);
        const hooks = await saveWebhooks(tx, org, body.webhooks, before.webhooks, deps.endpointPolicy);
        const settings = {
          mode: body.mode,
          events: [...new Set(body.events)],
          emails: normaliseEmails(body.emails),
          webhooks: hooks.records,
        };
        await tx.notifications.setConnection(org, connection.id, settings);
        await tx.secrets.delete(org, hooks.unused);
        await audit(
          'notification.settings-changed',
          {
            message:
              settings.mode === 'inherit'
                ? `notifications of “${connection.name}” follow the organisation's settings`
                : settings.mode === 'off'
                  ? `notifications of “${connection.name}” are off`
                  : `notifications of “${connection.name}” overridden: ${settings.events.length} events, ${settings.emails.length} e-mail recipients, ${settings.webhooks.length} webhooks`,
            details: {
              mode: settings.mode,
              events: settings.events,
              emails: settings.emails,
              webhooks: settings.webhooks.map((w) => ({ name: w.name, target: w.origin, format: w.format })),
            },
          },
          tx,
        );
        return settings;
      });
      return { mode: after.mode, ...rulesDto(after) };
    },
  );

  registerEndpoint(app, sendTestNotification, async ({ caller, store, body, audit, about, deps }) => {
    const org = caller.organisationId;
    const wait = tests.take(org, Date.parse(deps.clock.now()));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new HrsyncError(
        'HRS_RATE_LIMITED',
        `Your organisation has sent ${TEST_NOTIFICATION_LIMIT.count} test notifications in the last ${TEST_NOTIFICATION_LIMIT.windowMinutes} minutes, the most it may; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { retryAfter: wait },
      );
    }
    let connectionId: string | null = null;
    if (body.connectionId !== undefined) {
      const connection = await connectionOf(store, org, body.connectionId);
      about({ connectionId: connection.id, connectionName: connection.name, tenantId: connection.tenantId });
      connectionId = connection.id;
    }
    // Said as a person would: "Jan Bakker sent this test", not their e-mail address or a token's record.
    const by = caller.user?.name.trim() ? caller.user.name : describeActor(caller.actor);
    const results = await deps.notifier.sendTest(org, connectionId, by);
    const failed = results.filter((r) => !r.ok).length;
    await audit('notification.tested', {
      outcome: results.length > 0 && failed === 0 ? 'success' : 'failure',
      message:
        results.length === 0
          ? 'test notification: no recipients or webhooks are set'
          : `test notification: ${results.length - failed} of ${results.length} deliveries succeeded`,
      details: { results: results.map((r) => ({ channel: r.channel, target: r.target, ok: r.ok })) },
    });
    return { results: results.map((r) => ({ ...r })) };
  });
}
