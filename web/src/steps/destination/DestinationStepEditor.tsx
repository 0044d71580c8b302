/**
 * Step 2: the customer's tenant that receives the accounts and the verified domain new user names
 * get. Credentials belong to the tenant (an administrator registers them once for all its
 * connections), so this step shows their status and offers Test credentials instead of asking again.
 */
import { Field, MessageBar, MessageBarBody, makeStyles, Select } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { call } from '../../api/client.ts';
import { saveDestinationStep } from '../../api/contracts.ts';
import type { Tenant } from '../../api/dto.ts';
import { TenantPicker } from '../../tenants/TenantPicker.tsx';
import type { StepEditorProps } from '../editor-props.ts';
import { StepFrame } from '../StepFrame.tsx';

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
  const domains = tenant?.verifiedDomains ?? settings?.tenant?.verifiedDomains ?? [];

  const pick = useCallback((c: string, t: string, chosen: Tenant | undefined) => {
    setCustomerId(c);
    setTenantId(t);
    setTenant(chosen);
    // A domain of the previous tenant is not verified in the new one; propose the first.
    if (chosen)
      setDomain((d) => (chosen.verifiedDomains.includes(d) ? d : (chosen.verifiedDomains[0] ?? '')));
  }, []);

  const invalid = !tenantId ? 'Choose the tenant.' : !domain ? 'Choose the default domain.' : null;

  return (
    <StepFrame
      connection={props.connection}
      step={2}
      readOnly={props.readOnly}
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
          type={props.connection.destinationType}
        />
        <Field
          label="Default domain"
          required
          hint="New accounts get user names in this verified domain, for example jan.jansen@contoso.nl."
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
