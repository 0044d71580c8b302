/**
 * Step 2: the customer's tenant that receives the accounts and the verified domain new user names
 * get. Credentials belong to the tenant (an administrator registers them once for all its
 * connections), so this step shows their status and offers Test credentials instead of asking again.
 */
import { Field, MessageBar, MessageBarBody, makeStyles, Select, Text } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { DisabledContainerWarning } from '../../admin/DirectoryFields.tsx';
import { call } from '../../api/client.ts';
import { previewConnectionWarnings, saveDestinationStep } from '../../api/contracts.ts';
import type { Tenant } from '../../api/dto.ts';
import { useResource } from '../../api/use-resource.ts';
import { ConnectionWarnings } from '../../connection/ConnectionWarnings.tsx';
import { TenantPicker } from '../../tenants/TenantPicker.tsx';
import type { StepEditorProps } from '../editor-props.ts';
import { StepFrame } from '../StepFrame.tsx';

/**
 * The domains new user names may get: a hybrid tenant's UPN suffixes (the service refuses any other
 * suffix), otherwise the tenant's verified domains.
 */
function domainsOf(tenant: Tenant): readonly string[] {
  const suffixes = tenant.type === 'hybrid' ? (tenant.directory?.upnSuffixes ?? []) : [];
  return suffixes.length > 0 ? suffixes : tenant.verifiedDomains;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
});

export function DestinationStepEditor(props: StepEditorProps) {
  const styles = useStyles();
  const settings = props.configuration.destination.settings;
  const [customerId, setCustomerId] = useState(props.connection.customer?.id ?? '');
  const [tenantId, setTenantId] = useState(settings?.tenant?.id ?? '');
  const [tenant, setTenant] = useState<Tenant | undefined>(undefined);
  const [domain, setDomain] = useState(settings?.defaultDomain ?? '');
  const hybrid = props.connection.destinationType === 'hybrid';
  // Until the tenant's details load, a hybrid connection offers only its saved suffix: the saved
  // tenant's verified domains are not UPN suffixes, and the service refuses them.
  const known = tenant ? domainsOf(tenant) : hybrid ? [] : (settings?.tenant?.verifiedDomains ?? []);
  // The saved domain stays choosable while the tenant's details load (a hybrid one is a UPN suffix).
  const domains = domain && !known.includes(domain) && !tenant ? [domain, ...known] : known;

  const pick = useCallback((c: string, t: string, chosen: Tenant | undefined) => {
    setCustomerId(c);
    setTenantId(t);
    setTenant(chosen);
    // A domain of the previous tenant is not one of the new one's; propose the first.
    if (chosen) {
      const own = domainsOf(chosen);
      setDomain((d) => (own.includes(d) ? d : (own[0] ?? '')));
    }
  }, []);

  // Another connection to the chosen tenant is warned about as soon as it is chosen, not after saving.
  const savedTenantId = settings?.tenant?.id ?? '';
  const { connection } = props;
  const chosen = useResource(
    () =>
      tenantId === savedTenantId
        ? Promise.resolve({ warnings: connection.warnings })
        : call(previewConnectionWarnings, { params: { id: connection.id }, query: { tenantId } }),
    `warnings-${connection.id}-${tenantId}-${savedTenantId}-${connection.warnings.length}`,
  );
  const warnings = tenantId ? (chosen.data?.warnings ?? []) : [];

  const invalid = !tenantId ? 'Choose the tenant.' : !domain ? 'Choose the default domain.' : null;

  return (
    <StepFrame
      connection={props.connection}
      step={2}
      readOnly={props.readOnly}
      onDiscard={props.onDiscard}
      invalid={invalid}
      draft={{ tenantId, defaultDomain: domain }}
      save={() =>
        call(saveDestinationStep, {
          params: { id: props.connection.id },
          body: { tenantId, defaultDomain: domain },
        })
      }
      onSaved={props.onSaved}
    >
      <ConnectionWarnings warnings={warnings} />
      <section className={styles.section}>
        <MessageBar intent="info">
          <MessageBarBody>
            This is a {props.connection.destinationType} connection: only{' '}
            {props.connection.destinationType === 'cloud' ? 'cloud (Entra ID)' : 'hybrid (Active Directory)'}{' '}
            tenants can be chosen.
          </MessageBarBody>
        </MessageBar>
        <TenantPicker
          customerId={customerId}
          tenantId={tenantId}
          onChange={pick}
          onLoaded={setTenant}
          type={props.connection.destinationType}
        />
        {hybrid && tenant && !tenant.directory && (
          <MessageBar intent="warning">
            <MessageBarBody>
              {tenant.name} has no Active Directory settings yet: an administrator enters the domain
              controllers, bind account and container under Customers and tenants.
            </MessageBarBody>
          </MessageBar>
        )}
        {hybrid && tenant?.directory && (
          <Text size={200} data-testid="hybrid-placement">
            New accounts are created in {tenant.directory.container}
            {tenant.directory.disabledContainer
              ? `; leavers are moved to ${tenant.directory.disabledContainer}`
              : '; leavers stay where they are (disabled)'}
            .
          </Text>
        )}
        {hybrid && tenant?.directory?.disabledContainer && <DisabledContainerWarning />}
        <Field
          label={hybrid ? 'UPN suffix' : 'Default domain'}
          required
          hint={
            hybrid
              ? 'New accounts get user names (UPN) with this suffix, one of the directory’s UPN suffixes, for example jan.jansen@contoso.nl.'
              : 'New accounts get user names in this verified domain, for example jan.jansen@contoso.nl.'
          }
        >
          <Select
            value={domain}
            onChange={(_, d) => setDomain(d.value)}
            name="default-domain"
            disabled={!tenantId}
          >
            <option value="">Choose a domain…</option>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </Field>
      </section>
    </StepFrame>
  );
}
