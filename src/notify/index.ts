/** Notifications: e-mail and webhooks about runs that need a person (README, Notifications). */
export type { MailMessage, SmtpTarget } from './email.ts';
export type { NotificationEvent } from './event.ts';
export { runEventKind } from './event.ts';
export type { DeliveryResult, NotifierOptions, ServerSmtp } from './notifier.ts';
export { NOTIFIER_ACTOR, Notifier } from './notifier.ts';
export { SIGNATURE_HEADER, signature, TIMESTAMP_HEADER } from './webhook.ts';
