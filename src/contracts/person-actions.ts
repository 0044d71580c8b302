/**
 * What an operator can do about one person from where a run shows them (issue 11.5), as one table
 * the console greys its buttons from and the service enforces: the role comes from the endpoints'
 * own `access`, the state from the connection state table, and what fits the item from here.
 */
import type { ConnectionState, Role } from '../core/vocabulary.ts';
import { checkOperation } from './connection-states.ts';
import type { Access } from './endpoint.ts';
import { addOverride, releaseQuarantine } from './endpoints/overrides.ts';
import { syncPerson } from './endpoints/runs.ts';

export const PERSON_ACTIONS = ['link', 'exclude', 'never-match', 'unlink', 'rerun', 'release'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

export type PersonActionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The item as the table needs to see it (a run item DTO fits). */
export interface PersonActionItem {
  readonly action: string;
  readonly accountId: string | null;
  readonly error: { readonly code: string; readonly accounts?: readonly string[] | undefined } | null;
}

const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3 };
const roleAllows = (role: Role, access: Access): boolean => access === 'public' || RANK[role] >= RANK[access];

const ENDPOINT_OF = {
  link: addOverride,
  exclude: addOverride,
  'never-match': addOverride,
  unlink: addOverride,
  rerun: syncPerson,
  release: releaseQuarantine,
} as const satisfies Record<PersonAction, { readonly access: Access }>;

const OK: PersonActionCheck = { ok: true };
const no = (reason: string): PersonActionCheck => ({ ok: false, reason });

export function personActions(
  role: Role,
  state: ConnectionState,
  item: PersonActionItem,
): Readonly<Record<PersonAction, PersonActionCheck>> {
  const candidates = item.error?.accounts ?? [];
  const fits: Record<PersonAction, PersonActionCheck> = {
    link:
      item.action === 'conflict' && candidates.length > 0
        ? OK
        : no('Only a conflict with candidate accounts can be linked to one of them.'),
    'never-match':
      item.action === 'conflict' && candidates.length > 0
        ? OK
        : no('Only a conflict has candidate accounts to leave out.'),
    exclude: OK,
    unlink:
      item.accountId !== null
        ? OK
        : no('This person has no account in this run, so there is nothing to unlink.'),
    rerun: (() => {
      const check = checkOperation('syncPerson', state);
      return check.ok ? OK : no(check.message);
    })(),
    release: item.error?.code === 'HRS_QUARANTINED' ? OK : no('This person is not quarantined in this run.'),
  };
  const out = {} as Record<PersonAction, PersonActionCheck>;
  for (const action of PERSON_ACTIONS) {
    out[action] = roleAllows(role, ENDPOINT_OF[action].access)
      ? fits[action]
      : no(`Your role (${role}) cannot change overrides or run persons; ask an operator or admin.`);
  }
  return out;
}
