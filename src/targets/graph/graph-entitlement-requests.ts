/**
 * Group memberships and licences as Graph requests (`$batch` items). Pure.
 * - add: `POST /groups/{id}/members/$ref` with a directoryObjects reference; Graph answers 400
 *   "…already exist…" for a member, which a retry after a lost answer must treat as done;
 * - remove: `DELETE /groups/{id}/members/{userId}/$ref`; 404 when not a member (done);
 * - licences: `POST /users/{id}/assignLicense` (200 + user); Graph refuses it without usageLocation,
 *   so the engine sends it after the update that sets one.
 */
import type { EntitlementWrite } from '../../core/index.ts';
// Types only: graph-requests dispatches here, so a value import back would be a cycle.
import type { PreparedWrite, RequestContext } from './graph-requests.ts';

const groups = (id: string) => `/groups/${encodeURIComponent(id)}`;
const users = (id: string) => `/users/${encodeURIComponent(id)}`;
const failed = (message: string): PreparedWrite => ({
  outcome: { ok: false, code: 'HRS_TARGET_WRITE_FAILED', message, retryable: false, ambiguous: false },
});

export function prepareEntitlementWrite(write: EntitlementWrite, ctx: RequestContext): PreparedWrite {
  if (write.accountId === null)
    return failed(`the account has no id yet; ${write.kind} waits for its create`);
  switch (write.kind) {
    case 'add-to-group': {
      const ref = `${ctx.graphBaseUrl.replace(/\/+$/, '')}/v1.0/directoryObjects/${write.accountId}`;
      return {
        request: {
          method: 'POST',
          url: `${groups(write.groupId)}/members/$ref`,
          body: { '@odata.id': ref },
          alreadyExistsIsDone: true,
        },
      };
    }
    case 'remove-from-group':
      return {
        request: {
          method: 'DELETE',
          url: `${groups(write.groupId)}/members/${encodeURIComponent(write.accountId)}/$ref`,
          notFoundIsDone: true,
        },
      };
    case 'assign-licences':
      return {
        request: {
          method: 'POST',
          url: `${users(write.accountId)}/assignLicense`,
          body: {
            addLicenses: write.add.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
            removeLicenses: [...write.remove],
          },
        },
      };
  }
}
