/**
 * Planned writes as Graph requests (the body of one `$batch` item). Pure: the password generator is
 * passed in. A write that needs no request, or cannot be made, gets its outcome right here.
 */
import {
  type Attributes,
  type AttrValue,
  assertNever,
  isEmpty,
  type PlannedWrite,
} from '../../core/index.ts';
import type { WriteOutcome } from '../../engine/ports.ts';
import { prepareEntitlementWrite } from './graph-entitlement-requests.ts';
import { nestAttributes } from './graph-odata.ts';

export interface GraphRequest {
  readonly method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version, as `$batch` wants it: `/users/{id}`. */
  readonly url: string;
  readonly body?: Record<string, unknown>;
  /** A 404 means the goal is already reached (deleting what is gone, clearing an absent manager). */
  readonly notFoundIsDone?: true;
  /** A 400 "…already exist…" means the goal is already reached (adding a member who is one). */
  readonly alreadyExistsIsDone?: true;
}

export type PreparedWrite =
  | { readonly request: GraphRequest; readonly applied?: Attributes }
  | { readonly outcome: WriteOutcome };

export interface RequestContext {
  readonly graphBaseUrl: string;
  readonly usePasswordProfile: boolean;
  readonly password: () => string;
  /** Which attributes hold lists: clearing one sends `[]`, not `null`. */
  readonly listAttributes: ReadonlySet<string>;
}

const users = (id: string) => `/users/${encodeURIComponent(id)}`;

export function prepareWrite(write: PlannedWrite, ctx: RequestContext): PreparedWrite {
  switch (write.kind) {
    case 'create':
      return prepareCreate(write, ctx);
    case 'update': {
      if (write.changes.length === 0) return { outcome: { ok: true, accountId: write.accountId } };
      const flat: Record<string, AttrValue> = {};
      for (const change of write.changes)
        flat[change.attribute] = clearable(change.attribute, change.new, ctx);
      return {
        request: { method: 'PATCH', url: users(write.accountId), body: nestAttributes(flat) },
        applied: flat,
      };
    }
    case 'enable':
    case 'disable': {
      const accountEnabled = write.kind === 'enable';
      return {
        request: { method: 'PATCH', url: users(write.accountId), body: { accountEnabled } },
        applied: { accountEnabled },
      };
    }
    case 'delete':
      // Soft delete: the user stays restorable from deleted items for 30 days.
      return { request: { method: 'DELETE', url: users(write.accountId), notFoundIsDone: true } };
    case 'set-manager': {
      if (write.accountId === null)
        return failed('the account has no id yet; set the manager after its create');
      const ref = `${users(write.accountId)}/manager/$ref`;
      if (write.managerAccountId !== null) {
        const managerUrl = `${ctx.graphBaseUrl.replace(/\/+$/, '')}/v1.0${users(write.managerAccountId)}`;
        return { request: { method: 'PUT', url: ref, body: { '@odata.id': managerUrl } } };
      }
      if (write.managerEmployeeNumber !== null) {
        return failed(`manager ${write.managerEmployeeNumber} has no account in the tenant yet`);
      }
      return { request: { method: 'DELETE', url: ref, notFoundIsDone: true } };
    }
    case 'add-to-group':
    case 'remove-from-group':
    case 'assign-licences':
      return prepareEntitlementWrite(write, ctx);
    case 'write-back':
      // Write-back goes to AFAS through the Source port; the Graph target never writes it.
      return failed('write-back is applied to AFAS by the source, not to Microsoft Graph');
    default:
      return assertNever(write, 'planned write');
  }
}

function prepareCreate(write: Extract<PlannedWrite, { kind: 'create' }>, ctx: RequestContext): PreparedWrite {
  const flat: Record<string, AttrValue> = {};
  for (const [attribute, value] of Object.entries(write.attributes)) {
    // An empty value on create is simply not set; Graph rejects null for several properties.
    if (attribute !== 'id' && attribute !== 'accountEnabled' && !isEmpty(value)) flat[attribute] = value;
  }
  flat.accountEnabled = write.enabled;
  const upn = flat.userPrincipalName;
  if (typeof upn !== 'string') return failed('a new account needs a userPrincipalName');
  // mailNickname is required on create; the UPN's local part is what Entra itself would suggest.
  if (typeof flat.mailNickname !== 'string') flat.mailNickname = upn.split('@')[0] as string;
  const body = nestAttributes(flat);
  if (ctx.usePasswordProfile) {
    body.passwordProfile = { password: ctx.password(), forceChangePasswordNextSignIn: true };
  }
  return { request: { method: 'POST', url: '/users', body }, applied: flat };
}

function clearable(attribute: string, value: AttrValue, ctx: RequestContext): AttrValue {
  if (!isEmpty(value)) return value;
  return ctx.listAttributes.has(attribute) ? [] : null;
}

const failed = (message: string): PreparedWrite => ({
  outcome: { ok: false, code: 'HRS_TARGET_WRITE_FAILED', message, retryable: false, ambiguous: false },
});
