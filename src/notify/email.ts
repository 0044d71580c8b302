/**
 * hrsync's one mailer, nodemailer: notifications and invitations alike go through `sendMail`, so
 * they share the transport settings, the trust in HRSYNC_EXTRA_CA_FILE and the reading of a mail
 * server's refusal. The mail server is the organisation's own (its password sealed and sent only to
 * the host it was saved with) or the server's (HRSYNC_SMTP_*). Short timeouts: a mail server that
 * does not answer must not hold deliveries for long.
 */
import { connect, type LookupFunction, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { formatInstant } from '../contracts/date-time.ts';
import { LOCAL_ADDRESS_CODE } from '../core/endpoint-policy.ts';
import { trustingContext } from '../net/trusting-fetch.ts';
import type { SmtpSecurity } from '../store/index.ts';
import type { NotificationEvent } from './event.ts';

export interface SmtpTarget {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly username: string | null;
  readonly password: string | null;
  readonly from: string;
}

export interface EmailOptions {
  readonly timeoutMs: number;
  /** Extra CA certificates to trust (HRSYNC_EXTRA_CA_FILE), PEM. */
  readonly extraCa?: string;
  /**
   * How the mail server's name is resolved when the socket connects: the connect-time guard
   * (net/connect-guard.ts) for an organisation's own server; none for the server's (HRSYNC_SMTP_*),
   * which the operator chose and may well be a relay on this machine.
   */
  readonly lookup?: LookupFunction;
}

/** One plain-text message; `kind` goes into the `X-Hrsync-Event` header. */
export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly kind: string;
}

/** Sends one message; throws with the server's answer when it is refused (see `mailFailure`). */
export async function sendMail(smtp: SmtpTarget, message: MailMessage, options: EmailOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.username !== null && smtp.password !== null
      ? { auth: { user: smtp.username, pass: smtp.password } }
      : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    // The extra CA beside what Node trusts: given as `ca`, it would replace the public roots, and a
    // mail server with a public certificate would no longer be trusted.
    ...(options.extraCa ? { tls: { secureContext: trustingContext(options.extraCa) } } : {}),
    // nodemailer resolves names with its own resolver and connects to the address it found, taking no
    // lookup: a guarded connection is opened here and handed to it (TLS and STARTTLS still its own,
    // against the name).
    ...(options.lookup ? { getSocket: connectThrough(smtp, options.lookup, options.timeoutMs) } : {}),
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: [...message.to],
      subject: message.subject,
      text: message.text,
      headers: { 'X-Hrsync-Event': message.kind },
    });
  } finally {
    transport.close();
  }
}

/** nodemailer's `getSocket`: a connection to the mail server whose name resolves through `lookup`. */
function connectThrough(smtp: SmtpTarget, lookup: LookupFunction, timeoutMs: number) {
  return (_options: unknown, callback: (error: Error | null, socket?: { connection: Socket }) => void) => {
    const socket = connect({ host: smtp.host, port: smtp.port, lookup });
    const stop = () => {
      socket.off('error', failed);
      socket.off('timeout', timedOut);
      socket.setTimeout(0);
    };
    const failed = (error: Error) => {
      stop();
      socket.destroy();
      callback(error);
    };
    const timedOut = () => failed(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' }));
    socket.once('error', failed);
    socket.setTimeout(timeoutMs);
    socket.once('timeout', timedOut);
    socket.once('connect', () => {
      stop();
      callback(null, { connection: socket });
    });
  };
}

/** What a failed `sendMail` means: the server's words, and whether trying again later may help. */
export function mailFailure(error: unknown): { readonly retryable: boolean; readonly error: string } {
  const e = error as Error & { responseCode?: number; code?: string };
  // Refused by the connect-time guard: the server was never asked, and asking again cannot help.
  if (e.code === LOCAL_ADDRESS_CODE)
    return { retryable: false, error: `could not reach the mail server: ${e.message}` };
  // 5xx answers are permanent (a refused recipient, wrong password); the rest may pass later.
  const permanent = (e.responseCode ?? 0) >= 500 || e.code === 'EAUTH' || e.code === 'EENVELOPE';
  return { retryable: !permanent, error: `the mail server said: ${e.message}` };
}

/** A notification as an e-mail, its time in the connection's (else the organisation's) zone. */
export function notificationMessage(recipients: readonly string[], event: NotificationEvent): MailMessage {
  const lines = [event.text, ''];
  if (event.link) lines.push(`Open it in hrsync: ${event.link}`, '');
  if (event.persons.length > 0) lines.push(`Persons: ${event.persons.join(', ')}`, '');
  lines.push(`Organisation: ${event.organisation.name}`);
  if (event.connection) lines.push(`Connection: ${event.connection.name}`);
  lines.push(`Time: ${formatInstant(event.at, event.timeZone)}`, '', '— hrsync');
  return { to: recipients, subject: `[hrsync] ${event.title}`, text: lines.join('\n'), kind: event.type };
}
