/**
 * Delivers notifications: after a run has finished and its result is stored (outside the run's
 * transaction), never failing or holding the run. Each channel (the e-mail to the recipients, each
 * webhook) is tried with back-off a bounded number of times, and every delivery is audited as
 * `notification.sent` or `notification.failed` — without recipients' secrets or webhook paths.
 */
import { randomUUID } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { type EndpointPolicy, endpointProblem, smtpUrl } from '../core/endpoint-policy.ts';
import { guardedLookup } from '../net/index.ts';
import type { Actor, NotificationRules, Run, Store, WebhookRecord } from '../store/index.ts';
import { type MailMessage, mailFailure, notificationMessage, type SmtpTarget, sendMail } from './email.ts';
import { type NotificationEvent, quarantineEvent, runEvent, testEvent } from './event.ts';
import { postWebhook, SIGNATURE_HEADER, signature, TIMESTAMP_HEADER, webhookBody } from './webhook.ts';

export const NOTIFIER_ACTOR: Actor = { type: 'system', id: null, name: 'notifications' };

/** The server-wide mail server (HRSYNC_SMTP_*), used by organisations without their own. */
export type ServerSmtp = SmtpTarget | null;

/**
 * A mail server to send through, with the connect-time guard when it is the organisation's own (the
 * server's, HRSYNC_SMTP_*, is the operator's choice and may be a relay on this machine).
 */
type MailServer = SmtpTarget & { readonly lookup?: LookupFunction };

export interface NotifierOptions {
  readonly store: Store;
  readonly smtp: ServerSmtp;
  readonly endpointPolicy: EndpointPolicy;
  /** The console's public address for links (HRSYNC_PUBLIC_URL); null leaves links out. */
  readonly publicUrl: string | null;
  /** Pauses before the 2nd, 3rd … attempt; default 2 s, 10 s, 30 s. */
  readonly retryDelaysMs?: readonly number[];
  /** Per attempt, e-mail and webhook alike; default 10 s. */
  readonly timeoutMs?: number;
  readonly extraCa?: string;
  /**
   * How webhooks' and organisations' mail servers' names are resolved before the endpoint rule judges
   * the addresses (net/connect-guard.ts); default node's dns.lookup. A test maps its names here.
   */
  readonly resolve?: LookupFunction;
  readonly log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface DeliveryResult {
  readonly channel: 'email' | 'webhook';
  /** The recipients, or the webhook's name and origin. */
  readonly target: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error: string | null;
}

const DEFAULT_DELAYS = [2_000, 10_000, 30_000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Notifier {
  readonly #o: NotifierOptions;
  readonly #delays: readonly number[];
  readonly #timeoutMs: number;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: NotifierOptions) {
    this.#o = options;
    this.#delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The server-wide mail server, if any (HRSYNC_SMTP_*). */
  get serverSmtp(): ServerSmtp {
    return this.#o.smtp;
  }

  /** The console's public address for links (HRSYNC_PUBLIC_URL), or null. */
  get publicUrl(): string | null {
    return this.#o.publicUrl;
  }

  /** The mail server an organisation's messages go through (its own, else the server's), or why none. */
  mailServerFor(organisationId: string): Promise<SmtpTarget | string> {
    return this.#smtp(organisationId);
  }

  /**
   * Sends one message through the organisation's mail server with the notifications' own settings
   * (timeouts, HRSYNC_EXTRA_CA_FILE, the reading of refusals), trying again with back-off when
   * `retry` and the failure may pass. Invitations use it; notifications' e-mails go through it too.
   */
  async mail(
    organisationId: string,
    message: MailMessage,
    retry: boolean,
  ): Promise<{ readonly ok: boolean; readonly attempts: number; readonly error: string | null }> {
    const smtp = await this.#smtp(organisationId);
    if (typeof smtp === 'string') return { ok: false, attempts: 0, error: smtp };
    return this.#attempts(retry, async () => {
      try {
        await sendMail(smtp, message, {
          timeoutMs: this.#timeoutMs,
          ...(this.#o.extraCa ? { extraCa: this.#o.extraCa } : {}),
          ...(smtp.lookup ? { lookup: smtp.lookup } : {}),
        });
        return { ok: true, retryable: false, error: null };
      } catch (error) {
        return { ok: false, ...mailFailure(error) };
      }
    });
  }

  /**
   * Called with every finished run; returns at once, delivering in the background: the run's own
   * event (blocked, failed, completed with failures) and, separately, the persons it quarantined.
   */
  runFinished(run: Run): void {
    if (run.kind === 'simulation') return; // a simulation changes nothing: setup work, not trouble
    this.#track(this.#forRun(run));
    this.#track(this.#quarantinedBy(run));
  }

  /** Persons put in quarantine, once per run with all of them; returns at once, delivering in the background. */
  personsQuarantined(input: {
    readonly organisationId: string;
    readonly connectionId: string;
    readonly runId: string | null;
    readonly persons: readonly string[];
  }): void {
    if (input.persons.length === 0) return;
    this.#track(
      (async () => {
        const scope = await this.#scope(input.organisationId, input.connectionId);
        if (!scope) return;
        const event = quarantineEvent(
          scope.organisation,
          scope.connection,
          input.persons,
          this.#o.store.clock.now(),
          input.runId,
          this.#o.publicUrl,
          scope.timeZone,
        );
        await this.#deliver(input.organisationId, scope.rules, event, input.runId, true);
      })(),
    );
  }

  /** Sends a test message over every channel of the organisation's (or a connection's) rules, once each. */
  async sendTest(
    organisationId: string,
    connectionId: string | null,
    by: string,
  ): Promise<readonly DeliveryResult[]> {
    const organisation = await this.#o.store.organisations.get(organisationId);
    if (!organisation) return [];
    let rules: NotificationRules = await this.#o.store.notifications.organisation(organisationId);
    let connection: { id: string; name: string } | null = null;
    let timeZone = organisation.timeZone;
    if (connectionId !== null) {
      const scope = await this.#scope(organisationId, connectionId);
      if (scope) {
        rules = scope.rules;
        connection = scope.connection;
        timeZone = scope.timeZone;
      }
    }
    const event = testEvent(
      { id: organisation.id, name: organisation.name },
      connection,
      this.#o.store.clock.now(),
      by,
      timeZone,
    );
    return this.#deliver(organisationId, rules, event, null, false);
  }

  /** Settles when every delivery started so far has ended (a stopping worker waits for them). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #track(p: Promise<unknown>): void {
    const guarded = p.catch((error) => this.#o.log?.error({ err: error }, 'notification delivery failed'));
    this.#pending.add(guarded);
    void guarded.finally(() => this.#pending.delete(guarded));
  }

  async #scope(organisationId: string, connectionId: string) {
    const store = this.#o.store;
    const [organisation, connection, own] = await Promise.all([
      store.organisations.get(organisationId),
      store.connections.get(organisationId, connectionId),
      store.notifications.connection(organisationId, connectionId),
    ]);
    if (!organisation || !connection || own.mode === 'off') return null;
    const rules = own.mode === 'override' ? own : await store.notifications.organisation(organisationId);
    return {
      organisation: { id: organisation.id, name: organisation.name },
      connection: { id: connection.id, name: connection.name },
      timeZone: connection.config.timeZone ?? organisation.timeZone,
      rules,
    };
  }

  /**
   * The persons this run quarantined: the engine stamps an entry with the moment the target refused
   * the person, so an entry from within the run's own start and finish is this run's (a person
   * quarantined earlier and not sent again keeps their earlier moment and is not announced twice).
   */
  async #quarantinedBy(run: Run): Promise<void> {
    if (run.startedAt === null) return;
    const from = Date.parse(run.startedAt);
    const to = run.finishedAt === null ? Number.POSITIVE_INFINITY : Date.parse(run.finishedAt);
    const entries = await this.#o.store.overrides.quarantine(run.connectionId);
    const fresh = entries.filter((q) => {
      const at = Date.parse(q.since);
      return at >= from && at <= to;
    });
    this.personsQuarantined({
      organisationId: run.organisationId,
      connectionId: run.connectionId,
      runId: run.id,
      persons: fresh.map((q) => `${q.displayName} (${q.employeeNumber})`),
    });
  }

  async #forRun(run: Run): Promise<void> {
    const scope = await this.#scope(run.organisationId, run.connectionId);
    if (!scope) return;
    const event = runEvent(run, scope.organisation, scope.connection, this.#o.publicUrl, scope.timeZone);
    if (!event) return;
    await this.#deliver(run.organisationId, scope.rules, event, run.id, true);
  }

  async #deliver(
    organisationId: string,
    rules: NotificationRules,
    event: NotificationEvent,
    runId: string | null,
    retry: boolean,
  ): Promise<readonly DeliveryResult[]> {
    if (event.type !== 'test' && !rules.events.includes(event.kind)) return [];
    const jobs: Promise<DeliveryResult>[] = [];
    if (rules.emails.length > 0) jobs.push(this.#email(organisationId, rules.emails, event, retry));
    for (const hook of rules.webhooks) jobs.push(this.#webhook(organisationId, hook, event, retry));
    const results = await Promise.all(jobs);
    for (const result of results) await this.#audit(organisationId, event, runId, result);
    return results;
  }

  async #attempts(
    retry: boolean,
    once: () => Promise<{
      ok: boolean;
      retryable: boolean;
      error: string | null;
      retryAfterMs?: number | null;
    }>,
  ): Promise<{ ok: boolean; attempts: number; error: string | null }> {
    const delays = retry ? this.#delays : [];
    let attempts = 0;
    for (;;) {
      attempts++;
      const result = await once();
      if (result.ok) return { ok: true, attempts, error: null };
      const delay = delays[attempts - 1];
      if (!result.retryable || delay === undefined) return { ok: false, attempts, error: result.error };
      // Honour Retry-After, but never wait longer than the back-off's last step.
      const last = delays[delays.length - 1] ?? delay;
      await sleep(Math.min(Math.max(delay, result.retryAfterMs ?? 0), last));
    }
  }

  async #smtp(organisationId: string): Promise<MailServer | string> {
    const own = (await this.#o.store.notifications.organisation(organisationId)).smtp;
    if (own === null) {
      return (
        this.#o.smtp ??
        'no mail server: set the organisation’s mail server, or HRSYNC_SMTP_HOST on the server'
      );
    }
    const url = smtpUrl(own.host, own.port);
    const problem = endpointProblem('smtp', url, this.#o.endpointPolicy);
    if (problem) return `the mail server ${problem}`;
    const password =
      own.passwordSecretId === null
        ? null
        : await this.#o.store.secrets.reveal(organisationId, own.passwordSecretId);
    const lookup = guardedLookup('smtp', url, this.#o.endpointPolicy, this.#o.resolve);
    return { ...own, password, ...(lookup ? { lookup } : {}) };
  }

  async #email(
    organisationId: string,
    recipients: readonly string[],
    event: NotificationEvent,
    retry: boolean,
  ): Promise<DeliveryResult> {
    const target = recipients.join(', ');
    const outcome = await this.mail(organisationId, notificationMessage(recipients, event), retry);
    return { channel: 'email', target, ...outcome };
  }

  async #webhook(
    organisationId: string,
    hook: WebhookRecord,
    event: NotificationEvent,
    retry: boolean,
  ): Promise<DeliveryResult> {
    const target = `${hook.name} (${hook.origin})`;
    const secrets = this.#o.store.secrets;
    const url = await secrets.reveal(organisationId, hook.urlSecretId);
    const problem =
      url === null ? 'its URL is missing' : endpointProblem('webhook', url, this.#o.endpointPolicy);
    if (url === null || problem) {
      return { channel: 'webhook', target, ok: false, attempts: 0, error: `the webhook ${problem}` };
    }
    const key =
      hook.signingSecretId === null ? null : await secrets.reveal(organisationId, hook.signingSecretId);
    const deliveryId = randomUUID();
    const body = JSON.stringify(webhookBody(hook.format, event, deliveryId));
    const lookup = guardedLookup('webhook', url, this.#o.endpointPolicy, this.#o.resolve);
    const outcome = await this.#attempts(retry, async () => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return postWebhook(
        url,
        body,
        {
          'x-hrsync-event': event.type,
          'x-hrsync-delivery': deliveryId,
          [TIMESTAMP_HEADER]: timestamp,
          ...(key === null ? {} : { [SIGNATURE_HEADER]: signature(key, timestamp, body) }),
        },
        this.#timeoutMs,
        { lookup, extraCa: this.#o.extraCa },
      );
    });
    return { channel: 'webhook', target, ...outcome };
  }

  async #audit(
    organisationId: string,
    event: NotificationEvent,
    runId: string | null,
    result: DeliveryResult,
  ): Promise<void> {
    const what = result.channel === 'email' ? `e-mail to ${result.target}` : `webhook ${result.target}`;
    try {
      await this.#o.store.audit.append({
        organisationId,
        actor: NOTIFIER_ACTOR,
        action: result.ok ? 'notification.sent' : 'notification.failed',
        outcome: result.ok ? 'success' : 'failure',
        connectionId: event.connection?.id ?? null,
        connectionName: event.connection?.name ?? null,
        runId,
        message: result.ok
          ? `${event.type === 'test' ? 'Test notification' : `Notification “${event.title}”`} sent by ${what}`
          : `${event.type === 'test' ? 'Test notification' : `Notification “${event.title}”`} by ${what} failed: ${result.error}`,
        details: {
          event: event.type,
          channel: result.channel,
          target: result.target,
          attempts: result.attempts,
          ...(result.error ? { error: result.error } : {}),
        },
      });
    } catch (error) {
      this.#o.log?.error({ err: error }, 'could not audit a notification');
    }
  }
}
