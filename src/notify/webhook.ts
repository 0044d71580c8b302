/**
 * Webhooks: a JSON body, signed with HMAC-SHA256 over `<timestamp>.<body>` with the webhook's own
 * key (like Stripe and GitHub, so a receiver can reject replays), or a chat payload Microsoft Teams
 * (Workflows: an Adaptive Card) or Slack (incoming webhook: `text`) shows as a message. Redirects are
 * not followed: a webhook may only reach the host it was saved with; and that host's name may not lead
 * to this machine or a link-local address when the request connects (net/connect-guard.ts). A
 * certificate from the CA in HRSYNC_EXTRA_CA_FILE is trusted, as for AFAS, Graph and the mail server.
 */
import { createHmac } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { classifyNetworkError, endpointOf } from '../core/network-failure.ts';
import { trustingContext } from '../net/index.ts';
import type { WebhookFormat } from '../store/index.ts';
import type { NotificationEvent } from './event.ts';

export const SIGNATURE_HEADER = 'x-hrsync-signature';
export const TIMESTAMP_HEADER = 'x-hrsync-timestamp';

export function signature(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

function chatText(event: NotificationEvent): string {
  return `${event.text}${event.link ? `\n\n${event.link}` : ''}`;
}

export function webhookBody(format: WebhookFormat, event: NotificationEvent, deliveryId: string): unknown {
  switch (format) {
    case 'json':
      return {
        id: deliveryId,
        type: event.type,
        occurredAt: event.at,
        title: event.title,
        text: event.text,
        link: event.link,
        organisation: event.organisation,
        connection: event.connection,
        run: event.run,
        persons: event.persons,
      };
    case 'slack':
      return { text: `*${event.title}*\n${chatText(event)}` };
    case 'teams':
      return {
        type: 'message',
        summary: event.title,
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: event.title, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: event.text, wrap: true },
              ],
              ...(event.link
                ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in hrsync', url: event.link }] }
                : {}),
            },
          },
        ],
      };
  }
}

export interface WebhookAttempt {
  readonly ok: boolean;
  /** Worth another try (network error, timeout, 408, 429, 5xx). */
  readonly retryable: boolean;
  readonly status: number | null;
  readonly error: string | null;
  /** From Retry-After on 429/503, in ms. */
  readonly retryAfterMs: number | null;
}

/** How a delivery connects. */
export interface WebhookConnect {
  /** How the webhook's name is resolved: the guard (guardedLookup), or absent for dns.lookup. */
  readonly lookup?: LookupFunction | undefined;
  /** A CA to trust besides the public roots (HRSYNC_EXTRA_CA_FILE), PEM. */
  readonly extraCa?: string | undefined;
}

export async function postWebhook(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  { lookup, extraCa }: WebhookConnect = {},
): Promise<WebhookAttempt> {
  // A pool of its own per delivery, its sockets resolving through `lookup` (webhooks are few).
  const dispatcher = new Agent({
    connect: {
      ...(lookup ? { lookup } : {}),
      ...(extraCa ? { secureContext: trustingContext(extraCa) } : {}),
    },
  });
  try {
    const response = await undiciFetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'hrsync-notifications', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, retryable: false, status: response.status, error: null, retryAfterMs: null };
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      retryable: response.status === 408 || response.status === 429 || response.status >= 500,
      status: response.status,
      error:
        response.status >= 300 && response.status < 400
          ? `the webhook answered with a redirect (HTTP ${response.status}); redirects are not followed`
          : `the webhook answered HTTP ${response.status}`,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    };
  } catch (error) {
    const where = endpointOf(url);
    if (error instanceof Error && error.name === 'TimeoutError') {
      const reason = `no answer within ${Math.round(timeoutMs / 1000)} s`;
      return {
        ok: false,
        retryable: true,
        status: null,
        error: `could not reach the webhook at ${where}: ${reason}`,
        retryAfterMs: null,
      };
    }
    // A bad port, an unknown host or an untrusted certificate: later tries would only fail the same way.
    const network = classifyNetworkError(error, url);
    return {
      ok: false,
      retryable: !network.permanent,
      status: null,
      error: `could not reach the webhook at ${where}: ${network.reason}${network.permanent ? '; not retried' : ''}`,
      retryAfterMs: null,
    };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}
