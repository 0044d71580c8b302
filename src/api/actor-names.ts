/**
 * Who did something, as a person would name them: a user by their name ("Jan Bakker"), not their
 * e-mail address; an API token as "API token ‹name›"; the scheduler as "Scheduled run". The audit log
 * and the runs keep the raw actor (e-mail addresses are unique, names are not); responses carry both.
 */
import type { ActorType, Store } from '../store/index.ts';

export type ActorNamer = (actor: {
  readonly type?: ActorType | null;
  readonly id?: string | null;
  readonly name: string;
}) => string;

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  scheduler: 'Scheduled run',
  worker: 'hrsync',
  notifications: 'Notifications',
};

/** The same rules without the organisation's users: everything but a user's name. */
export const describeActor = (
  actor: Parameters<ActorNamer>[0],
  users: ReadonlyMap<string, string> = new Map(),
): string => {
  const { type = null, id = null, name } = actor;
  // A token's actor is recorded as "token ‹name› (‹creator's e-mail›)".
  const token = /^token (.+) \([^()]*\)$/.exec(name);
  if (type === 'token' || (type === null && token)) return `API token ${token?.[1] ?? name}`;
  if (type === 'agent') return `Directory agent ${name}`;
  if (type === 'system' || (type === null && Object.hasOwn(SYSTEM_NAMES, name)))
    return SYSTEM_NAMES[name] ?? 'hrsync';
  return (id === null ? undefined : users.get(id)) ?? users.get(name.toLowerCase()) ?? name;
};

/** Resolves users by id and by e-mail address, with one read of the organisation's users. */
export async function actorNamer(store: Store, organisationId: string): Promise<ActorNamer> {
  const users = new Map<string, string>();
  for (const u of await store.users.list(organisationId)) {
    if (!u.name.trim()) continue;
    users.set(u.id, u.name);
    users.set(u.email.toLowerCase(), u.name);
  }
  return (actor) => describeActor(actor, users);
}
