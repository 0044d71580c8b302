/**
 * The place on a tenant's card for settings that other parts of hrsync add to hybrid tenants. The
 * directory settings themselves are edited in the tenant dialog (DirectoryFields.tsx) and summarised
 * with "Test connection" in TenantStatus; what is mounted here are panels of their own:
 * - the directory agents registered for the tenant (issue 9): one component in its own file,
 *   mounted with one line at the marked place below.
 */
import type { Tenant } from '../api/dto.ts';
import { DisabledContainerWarning } from './DirectoryFields.tsx';

export function TenantExtensions(props: { readonly tenant: Tenant }) {
  if (props.tenant.type !== 'hybrid') return null;
  return (
    <div data-testid="hybrid-directory-slot">
      {props.tenant.directory?.disabledContainer && <DisabledContainerWarning />}
      {/* Directory agents panel (issue 9) mounts here, e.g. <TenantAgents tenant={props.tenant} /> */}
    </div>
  );
}
