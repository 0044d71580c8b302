/**
 * A write the target refused, in words an MSP admin acts on: what Microsoft 365 refused and what to
 * do about it ("Microsoft 365 refused to update the account: the app registration lacks the
 * permission …"), instead of Graph's answer (`403 Authorization_RequestDenied: Insufficient
 * privileges …` with a request id). Graph's answer stays the raw detail one click away. Used for a
 * quarantined person's "Because", a failed apply step and the run item's error, in the console, the
 * API's run-item view and the CLI. Active Directory refusals are already words (targets/ldap
 * ldap-errors.ts) and are kept as they are.
 */
import type { TenantType } from '../core/vocabulary.ts';
import { attributeText } from './attribute-labels.ts';

/** The writer's message: `<write> <account 1a2b… (employee 100027)|employee 100027>: <status> <code> [<details>]: <Graph's words>`. */
const GRAPH_REFUSAL =
  /^([\w-]+) (?:account \S+ \(employee [^)]*\)|employee \S+): (\d{3}) (\w+)(?: \[([^\]]*)\])?: ([\s\S]*)$/;

const WRITES: Readonly<Record<string, string>> = {
  create: 'create the account',
  update: 'update the account',
  enable: 'enable the account',
  disable: 'disable the account',
  delete: 'delete the account',
  'set-manager': 'set the manager',
  'add-to-group': 'add the account to a group',
  'remove-from-group': 'remove the account from a group',
  'assign-licences': 'assign licences',
};

/** Graph's answer, read from the writer's message; null when the message is not one. */
export interface GraphRefusal {
  readonly write: string;
  readonly status: number;
  readonly code: string;
  readonly details: string;
  readonly said: string;
}

export function graphRefusal(message: string): GraphRefusal | null {
  const m = GRAPH_REFUSAL.exec(message);
  if (!m) return null;
  return {
    write: m[1] as string,
    status: Number(m[2]),
    code: m[3] as string,
    details: m[4] ?? '',
    said: m[5] as string,
  };
}

const trimmed = (text: string): string => text.trim().replace(/\.+$/, '');
const capital = (text: string): string => (text === '' ? text : text[0]?.toUpperCase() + text.slice(1));

/**
 * The refusal in words, ending with what to do; any other text (Active Directory's words, a
 * refusal of an older shape) is returned as the sentence it is.
 */
export function refusalWords(message: string, tenantType: TenantType | null = null): string {
  const r = graphRefusal(message);
  if (!r) return capital(trimmed(message));
  const refused = `Microsoft 365 refused to ${WRITES[r.write] ?? 'make a change'}`;
  if (r.status === 403 && /privileged administrator role/i.test(r.said))
    return `${refused}: it holds a privileged administrator role, which only an administrator with a higher role may change. Make the change in the Microsoft Entra admin center, or exclude the person with an override`;
  if (r.status === 401 || r.status === 403) {
    const leave = /employeeLeaveDateTime|User-LifeCycleInfo/.test(r.said)
      ? ', and User-LifeCycleInfo.ReadWrite.All for the employee leave date'
      : '';
    return `${refused}: the app registration lacks the permission to write users (User.ReadWrite.All${leave}). Grant it in the Microsoft Entra admin center under App registrations → API permissions, and give admin consent`;
  }
  const taken =
    /ObjectConflict/.test(r.details) ||
    /another object with the same value for property/i.test(r.said) ||
    /already exists/i.test(r.said);
  if (taken) {
    const attribute =
      /: (\w+)/.exec(r.details)?.[1] ?? /for property (\w+)/i.exec(r.said)?.[1] ?? 'userPrincipalName';
    return `${refused}: another object in the tenant already has this ${attributeText(tenantType ?? 'cloud', attribute)}. Change the naming in step 3, or link the person to that account with an override`;
  }
  const invalid = /Invalid value specified for property '(\w+)'/i.exec(r.said);
  if (invalid)
    return `${refused}: the value of ${attributeText(tenantType ?? 'cloud', invalid[1] as string)} is not valid there. Correct it in AFAS, or the mapping in step 3`;
  if (r.status === 404) return `${refused}: it was not found in the tenant (deleted, or its id changed)`;
  if (r.status === 400) return `${refused}: it calls the request invalid (“${trimmed(r.said)}”)`;
  return `${refused} (answer ${r.status}): “${trimmed(r.said)}”`;
}
