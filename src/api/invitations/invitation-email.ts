/**
 * The invitation e-mail's words. It is sent by the notifier's mailer (Notifier.mail: the
 * organisation's mail server or the server's, HRSYNC_EXTRA_CA_FILE, the same reading of refusals),
 * once with a short timeout — the administrator waits for the answer and gets the link to copy when
 * the mail server is missing or refuses.
 */
import { formatInstant } from '../../contracts/index.ts';
import type { MailMessage } from '../../notify/index.ts';

export interface InvitationMail {
  readonly to: string;
  readonly name: string;
  readonly organisation: string;
  readonly invitedBy: string;
  readonly roleLabel: string;
  readonly link: string;
  readonly expiresAt: string;
  /** The organisation's zone, in which the expiry is written. */
  readonly timeZone: string;
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
    `The link works once and until ${formatInstant(m.expiresAt, m.timeZone)}. If you did not expect this, ignore this message.`,
    '',
    '— hrsync',
  ].join('\n');
}

export const invitationMessage = (m: InvitationMail): MailMessage => ({
  to: [m.to],
  subject: `[hrsync] ${m.invitedBy} invited you to ${m.organisation}`,
  text: invitationText(m),
  kind: 'invitation',
});
