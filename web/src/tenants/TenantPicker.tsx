/**
 * Choose a customer, then one of its Microsoft 365 tenants, and see whether hrsync can sign in to
 * it (credential and consent status) and whether its User Management subscription is active —
 * the two things that decide whether a connection to it can work.
 */
import { Badge, Button, Field, makeStyles, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import { listCustomers, listTenants, type TenantType, testTenantCredentials } from '../api/contracts.ts';
import type { CredentialTest, Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { useCutInSelect, useWrittenOutId, WrittenOut } from '../ui/WrittenOut.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  status: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  line: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  checks: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  check: { display: 'flex', gap: '8px', alignItems: 'baseline' },
  ok: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteMarigoldForeground1, fontWeight: tokens.fontWeightSemibold },
});

const CREDENTIAL_BADGE = {
  valid: { colour: 'success', label: 'Credentials valid' },
  invalid: { colour: 'danger', label: 'Credentials failed' },
  untested: { colour: 'informative', label: 'Credentials not tested' },
} as const;

const CONNECTION_BADGE = {
  valid: { colour: 'success', label: 'Directory connection works' },
  invalid: { colour: 'danger', label: 'Directory connection failed' },
  untested: { colour: 'informative', label: 'Directory connection not tested' },
} as const;

export function TenantStatus(props: { readonly tenant: Tenant; readonly onTested?: (t: Tenant) => void }) {
  const styles = useStyles();
  const { can } = useSession();
  const test = useAction(() => call(testTenantCredentials, { params: { id: props.tenant.id } }));
  // The test answers with the tenant's new status; show it at once rather than wait for a reload.
  const [tested, setTested] = useState<CredentialTest | undefined>(undefined);
  const t = tested && tested.tenant.id === props.tenant.id ? tested.tenant : props.tenant;
  const badge = (t.type === 'hybrid' ? CONNECTION_BADGE : CREDENTIAL_BADGE)[t.credentialStatus];
  const runTest = async () => {
    const result = await test.run();
    if (result) {
      setTested(result);
      props.onTested?.(result.tenant);
    }
  };
  // No word for the tenant's type here: the tenant card wears it as a badge, and step 2 lets one type
  // be chosen only (the card said "Cloud" twice, step 2 "only cloud tenants" and then "Cloud tenant").
  return (
    <div className={styles.status} data-testid="tenant-status">
      <div className={styles.line}>
        <Badge appearance="tint" color={badge.colour} data-credential-status={t.credentialStatus}>
          {badge.label}
        </Badge>
        <Badge appearance="tint" color={t.subscriptionActive ? 'success' : 'danger'}>
          {t.subscriptionActive ? 'User Management active' : 'User Management not active'}
        </Badge>
      </div>
      <Text size={200}>
        {tested?.message ?? t.credentialMessage ?? 'No test result yet.'}
        {t.credentialTestedAt && ` (tested ${formatDateTime(t.credentialTestedAt)})`}
      </Text>
      <Text size={200}>
        Directory {t.directoryId} · app {t.clientId ?? 'not registered'} · domains{' '}
        {t.verifiedDomains.join(', ')}
      </Text>
      {t.type === 'hybrid' && (
        <Text size={200} data-testid="directory-summary">
          {t.directory
            ? `Active Directory: ${t.directory.urls.join(', ')} · new accounts in ${t.directory.container}${t.directory.disabledContainer ? ` · leavers to ${t.directory.disabledContainer}` : ''} · UPN suffixes ${t.directory.upnSuffixes.join(', ') || '(read from the forest)'} · bind ${t.directory.bindUser}${t.directory.bindPassword ? ' (password set)' : t.directoryViaAgents ? ' (password held by the directory agents)' : ' (no password)'}`
            : 'Active Directory: not set up yet. An administrator enters the domain controllers with Change tenant.'}
        </Text>
      )}
      {tested?.checks && tested.checks.length > 0 && <DirectoryChecks checks={tested.checks} />}
      {can(testTenantCredentials) && (
        <div>
          <Button
            size="small"
            onClick={() => void runTest()}
            disabled={test.busy}
            icon={test.busy ? <Spinner size="tiny" /> : null}
          >
            {t.type === 'hybrid' ? 'Test connection' : 'Test credentials'}
          </Button>
        </div>
      )}
      <ErrorMessage error={test.error} />
    </div>
  );
}

type Check = NonNullable<CredentialTest['checks']>[number];

/** "Test connection" of a hybrid tenant: each check as a line of a checklist, in plain words. */
function DirectoryChecks(props: { readonly checks: readonly Check[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.checks} aria-label="Connection checks" data-testid="directory-checks">
      {props.checks.map((c) => {
        const state = c.ok ? 'ok' : c.required ? 'failed' : 'warning';
        return (
          <li key={c.name} className={styles.check} data-check={c.name} data-state={state}>
            <span aria-hidden className={styles[state]}>
              {c.ok ? '✓' : c.required ? '✗' : '!'}
            </span>
            <Text size={200}>
              <span className="visually-hidden">
                {c.ok ? 'Passed: ' : c.required ? 'Failed: ' : 'Warning: '}
              </span>
              {c.message}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}

export function TenantPicker(props: {
  readonly customerId: string;
  readonly tenantId: string;
  readonly onChange: (customerId: string, tenantId: string, tenant: Tenant | undefined) => void;
  /** Only tenants of this type can be chosen (a connection's destination type is fixed). */
  readonly type?: TenantType;
  /** The chosen tenant's details once they load: a saved choice is never "picked" again. */
  readonly onLoaded?: (tenant: Tenant) => void;
}) {
  const styles = useStyles();
  const customers = useResource(() => call(listCustomers, {}), 'customers');
  const tenants = useResource(
    () =>
      props.customerId
        ? call(listTenants, { query: { customerId: props.customerId } })
        : Promise.resolve({ items: [] }),
    `tenants-${props.customerId}`,
  );
  const choices = (tenants.data?.items ?? []).filter((t) => !props.type || t.type === props.type);
  const chosen = choices.find((t) => t.id === props.tenantId);
  // Shown so the admin knows the tenant exists, but not choosable: a connection needs the subscription.
  // Where only one type can be chosen, the type beside each name says nothing (and a tenant named
  // "Contoso (Microsoft 365)" read "Contoso (Microsoft 365) (cloud)").
  const optionName = (t: (typeof choices)[number]): string => (props.type ? t.name : `${t.name} (${t.type})`);
  const optionText = (t: (typeof choices)[number]): string =>
    t.subscriptionActive ? optionName(t) : `${optionName(t)} — User Management subscription not active`;
  const usable = choices.filter((t) => t.subscriptionActive);
  const unusable = choices.filter((t) => !t.subscriptionActive);
  const { onChange, onLoaded, customerId, tenantId } = props;
  // Names someone typed, up to 200 characters: one the select cuts is written out whole under it.
  const customerName = customers.data?.items.find((c) => c.id === customerId)?.name;
  const tenantName = chosen && optionText(chosen);
  const customerLine = useWrittenOutId();
  const tenantLine = useWrittenOutId();
  const [customerRef, customerCut] = useCutInSelect(customerName);
  const [tenantRef, tenantCut] = useCutInSelect(tenantName);

  useEffect(() => {
    if (chosen) onLoaded?.(chosen);
  }, [chosen, onLoaded]);

  // With exactly one tenant of the right type, choose it: one less click for the common case.
  useEffect(() => {
    const only = usable.length === 1 ? usable[0] : undefined;
    if (customerId && !tenantId && only) onChange(customerId, only.id, only);
  }, [usable, customerId, tenantId, onChange]);

  return (
    <div className={styles.root}>
      <div>
        <Field label="Customer" required>
          <Select
            ref={customerRef}
            data-written-out={customerLine}
            value={props.customerId}
            onChange={(_, d) => props.onChange(d.value, '', undefined)}
            name="customer"
            disabled={customers.loading && !customers.data}
          >
            <option value="">Choose a customer…</option>
            {(customers.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <WrittenOut id={customerLine} text={customerName} cut={customerCut} data-testid="customer-chosen" />
      </div>
      <ErrorMessage error={customers.error} onRetry={customers.reload} />
      <div>
        <Field
          label="Tenant"
          required
          hint={
            props.customerId && !tenants.loading && choices.length === 0
              ? `This customer has no ${props.type ?? ''} tenant; an administrator can register one.`
              : unusable.length > 0
                ? `${unusable.map((t) => t.name).join(', ')}: the User Management subscription is not active, so no connection can use ${unusable.length === 1 ? 'it' : 'them'} until an administrator activates it.`
                : null
          }
        >
          <Select
            ref={tenantRef}
            data-written-out={tenantLine}
            value={props.tenantId}
            onChange={(_, d) =>
              props.onChange(
                props.customerId,
                d.value,
                choices.find((t) => t.id === d.value),
              )
            }
            name="tenant"
            disabled={!props.customerId || (tenants.loading && !tenants.data)}
          >
            <option value="">Choose a tenant…</option>
            {usable.map((t) => (
              <option key={t.id} value={t.id}>
                {optionName(t)}
              </option>
            ))}
            {unusable.map((t) => (
              <option key={t.id} value={t.id} disabled>
                {optionText(t)}
              </option>
            ))}
          </Select>
        </Field>
        <WrittenOut id={tenantLine} text={tenantName} cut={tenantCut} data-testid="tenant-chosen" />
      </div>
      <ErrorMessage error={tenants.error} onRetry={tenants.reload} />
      {chosen && <TenantStatus tenant={chosen} />}
    </div>
  );
}
