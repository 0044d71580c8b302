/**
 * hrsync's one mailer, nodemailer: notifications and invitations alike go through `sendMail`, so
 * they share the transport settings, the trust in HRSYNC_EXTRA_CA_FILE and the reading of a mail
 * server's refusal. The mail server is the organisation's own (its password sealed and sent only to
 * the host it was saved with) or the server's (HRSYNC_SMTP_*). Short timeouts: a mail server that
 * does not answer must not hold deliveries for long.
 */
import nodemailer from 'nodemailer';
import { formatInstant } from '../contracts/date-time.ts';
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
    ...(options.extraCa ? { tls: { ca: options.extraCa } } : {}),
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

/** What a failed `sendMail` means: the server's words, and whether trying again later may help. */
export function mailFailure(error: unknown): { readonly retryable: boolean; readonly error: string } {
  const e = error as Error & { responseCode?: number; code?: string };
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
