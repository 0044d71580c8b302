/**
 * The place on a tenant's card for settings that other parts of hrsync add to hybrid tenants. The
 * directory settings themselves are edited in the tenant dialog (DirectoryFields.tsx) and summarised
 * with "Test connection" in TenantStatus; what is mounted here are panels of their own:
 * - the warning about a disabled-accounts container outside directory sync's scope;
 * - the directory agents registered for the tenant (issue 9, AgentsPanel).
 */
import { AgentsPanel } from '../agents/AgentsPanel.tsx';
import type { Tenant } from '../api/dto.ts';
import { DisabledContainerWarning } from './DirectoryFields.tsx';

export function TenantExtensions(props: {
  readonly tenant: Tenant;
  /** A panel changed the tenant itself (e.g. how its directory is reached): the page reloads it. */
  readonly onTenantChanged?: () => void;
}) {
  if (props.tenant.type !== 'hybrid') return null;
  return (
    <div data-testid="hybrid-directory-slot">
      {props.tenant.directory?.disabledContainer && <DisabledContainerWarning />}
      <AgentsPanel
        tenant={props.tenant}
        {...(props.onTenantChanged ? { onTenantChanged: props.onTenantChanged } : {})}
      />
    </div>
  );
}
