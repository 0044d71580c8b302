/**
 * The place on a tenant's card for settings that other parts of hrsync add to tenants: a hybrid
 * tenant's Active Directory settings (domain controllers, base DN, bind identity) and the directory
 * agents registered for it. Each is one component below, shown only for the tenants it applies to.
 */
import { Text } from '@fluentui/react-components';
import { AgentsPanel } from '../agents/AgentsPanel.tsx';
import type { Tenant } from '../api/dto.ts';

export function TenantExtensions(props: { readonly tenant: Tenant }) {
  if (props.tenant.type !== 'hybrid') return null;
  return (
    <div data-testid="hybrid-directory-slot">
      <Text size={200}>
        Active Directory: the domain, its domain controllers and the directory agents of this hybrid tenant
        are set up here.
      </Text>
      <AgentsPanel tenant={props.tenant} />
    </div>
  );
}
