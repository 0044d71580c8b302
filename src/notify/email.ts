/**
 * E-mail through nodemailer. The mail server is the organisation's own (its password sealed and sent
 * only to the host it was saved with) or the server's (HRSYNC_SMTP_*). Short timeouts: a mail server
 * that does not answer must not hold deliveries for long.
 */
import nodemailer from 'nodemailer';
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

function body(event: NotificationEvent): string {
  const lines = [event.text, ''];
  if (event.link) lines.push(`Open it in hrsync: ${event.link}`, '');
  if (event.persons.length > 0) lines.push(`Persons: ${event.persons.join(', ')}`, '');
  lines.push(`Organisation: ${event.organisation.name}`);
  if (event.connection) lines.push(`Connection: ${event.connection.name}`);
  lines.push(`Time: ${event.at} (UTC)`, '', '— hrsync');
  return lines.join('\n');
}

/** Sends one message to every recipient; throws with the server's answer when it is refused. */
export async function sendEmail(
  smtp: SmtpTarget,
  recipients: readonly string[],
  event: NotificationEvent,
  options: EmailOptions,
): Promise<void> {
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
      to: [...recipients],
      subject: `[hrsync] ${event.title}`,
      text: body(event),
      headers: { 'X-Hrsync-Event': event.type },
    });
  } finally {
    transport.close();
  }
}
