/**
 * The invitation e-mail: plain text, through the organisation's mail server (or the server's), one
 * attempt with a short timeout — the administrator waits for the answer and gets the link to copy
 * when the mail server is missing or refuses.
 */
import nodemailer from 'nodemailer';
import type { SmtpTarget } from '../../notify/index.ts';

export interface InvitationMail {
  readonly to: string;
  readonly name: string;
  readonly organisation: string;
  readonly invitedBy: string;
  readonly roleLabel: string;
  readonly link: string;
  readonly expiresAt: string;
}

export function invitationText(m: InvitationMail): string {
  return [
    `Hello ${m.name},`,
    '',
    `${m.invitedBy} invited you to hrsync, ${m.organisation}'s HR provisioning console, as ${m.roleLabel}.`,
    '',
    'Open this link to accept and choose how you sign in:',
    m.link,
    '',
    `The link works once and until ${m.expiresAt} (UTC). If you did not expect this, ignore this message.`,
    '',
    '— hrsync',
  ].join('\n');
}

export async function sendInvitationEmail(
  smtp: SmtpTarget,
  mail: InvitationMail,
  options: { readonly timeoutMs: number; readonly extraCa?: string },
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
      to: mail.to,
      subject: `[hrsync] ${mail.invitedBy} invited you to ${mail.organisation}`,
      text: invitationText(mail),
      headers: { 'X-Hrsync-Event': 'invitation' },
    });
  } finally {
    transport.close();
  }
}
