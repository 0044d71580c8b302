import { randomUUID } from 'node:crypto';

/** A webhook's id: stable across edits, so the console can keep its secrets when they are not re-entered. */
export const newWebhookId = (): string => `wh_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
