/**
 * Customers and their Microsoft 365 tenants: add, rename and delete customers; register, change,
 * test and delete tenants. Everyone may look; only an administrator changes anything (the buttons
 * follow the endpoints' declared access).
 */
import {
  Badge,
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  Text,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import { type ReactElement, useState } from 'react';
import { call } from '../api/client.ts';
import {
  createCustomer,
  createTenant,
  deleteCustomer,
  deleteTenant,
  listConnections,
  listCustomers,
  listTenants,
  renameCustomer,
  updateTenant,
} from '../api/contracts.ts';
import type { ConnectionSummary, Customer, Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { TenantStatus } from '../tenants/TenantPicker.tsx';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { ListStates } from '../ui/ListStates.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { TenantDialog } from './TenantDialog.tsx';
import { TenantExtensions } from './tenant-extensions.tsx';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', justifyContent: 'flex-end', flexWrap: 'wrap', marginBottom: '12px' },
  customers: { display: 'flex', flexDirection: 'column', gap: '16px' },
  tenants: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tenant: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  tenantTitle: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

type Dialog =
  | { readonly kind: 'add-customer' }
  | { readonly kind: 'rename-customer'; readonly customer: Customer }
  | { readonly kind: 'delete-customer'; readonly customer: Customer }
  | { readonly kind: 'tenant'; readonly customer: Customer; readonly tenant?: Tenant }
  | { readonly kind: 'delete-tenant'; readonly tenant: Tenant };

export function CustomersPage() {
  const styles = useStyles();
  const { can } = useSession();
  const customers = useResource(() => call(listCustomers, {}), 'customers');
  const tenants = useResource(() => call(listTenants, {}), 'tenants');
  // Which connections use each tenant: the service refuses to delete a tenant in use (and a customer
  // with tenants), so the console does not offer it and says what is in the way instead.
  const connections = useResource(() => call(listConnections, { query: { pageSize: 500 } }), 'connections');
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const reload = () => {
    customers.reload();
    tenants.reload();
    connections.reload();
  };
  const done = () => {
    setDialog(undefined);
    reload();
  };
  const tenantsOf = (c: Customer) => (tenants.data?.items ?? []).filter((t) => t.customer.id === c.id);
  const usersOf = (t: Tenant): readonly ConnectionSummary[] | undefined => {
    const page = connections.data;
    // Beyond one page the list is not complete: then the service's refusal says it.
    if (!page || page.total > page.items.length) return undefined;
    return page.items.filter((c) => c.tenant?.id === t.id);
  };

  return (
    <>
      <PageHeader
        title="Customers and tenants"
        subtitle="Your customers and their Microsoft 365 tenants. A connection can only use a tenant whose User Management subscription is active."
      />
      <div className={styles.bar}>
        <Button icon={<ArrowClockwiseRegular />} onClick={reload}>
          Refresh
        </Button>
        {can(createCustomer) && (
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setDialog({ kind: 'add-customer' })}
          >
            Add customer
          </Button>
        )}
      </div>
      <ErrorMessage error={tenants.error} onRetry={tenants.reload} />
      <ListStates
        list={customers}
        loadingLabel="Loading customers…"
        empty={
          <EmptyState title="No customers yet">
            Add a customer, then register its Microsoft 365 tenant, to create connections for it.
          </EmptyState>
        }
      >
        {(list) => (
          <div className={styles.customers} data-testid="customers">
            {list.items.map((customer) => (
              <section key={customer.id} data-customer={customer.name} aria-label={customer.name}>
                <SectionCard
                  title={customer.name}
                  action={
                    <div className={styles.actions}>
                      {can(createTenant) && (
                        <Button size="small" onClick={() => setDialog({ kind: 'tenant', customer })}>
                          Add tenant
                        </Button>
                      )}
                      {can(renameCustomer) && (
                        <Button size="small" onClick={() => setDialog({ kind: 'rename-customer', customer })}>
                          Rename
                        </Button>
                      )}
                      {can(deleteCustomer) && (
                        <Refusable reason={customerInUse(tenantsOf(customer))}>
                          <Button
                            size="small"
                            disabledFocusable={tenantsOf(customer).length > 0}
                            onClick={() => setDialog({ kind: 'delete-customer', customer })}
                          >
                            Delete
                          </Button>
                        </Refusable>
                      )}
                    </div>
                  }
                >
                  <div className={styles.tenants}>
                    {tenantsOf(customer).length === 0 && <Text>No tenant registered yet.</Text>}
                    {tenantsOf(customer).map((tenant) => (
                      <div key={tenant.id} className={styles.tenant} data-tenant={tenant.name}>
                        <div className={styles.tenantTitle}>
                          <Text weight="semibold">{tenant.name}</Text>
                          <Badge appearance="outline">{tenant.type === 'cloud' ? 'Cloud' : 'Hybrid'}</Badge>
                        </div>
                        <TenantStatus tenant={tenant} onTested={() => tenants.reload()} />
                        <UsedBy connections={usersOf(tenant)} />
                        <TenantExtensions tenant={tenant} onTenantChanged={tenants.reload} />
                        <div className={styles.actions}>
                          {can(updateTenant) && (
                            <Button
                              size="small"
                              onClick={() => setDialog({ kind: 'tenant', customer, tenant })}
                            >
                              Change tenant
                            </Button>
                          )}
                          {can(deleteTenant) && (
                            <Refusable reason={tenantInUse(usersOf(tenant))}>
                              <Button
                                size="small"
                                disabledFocusable={(usersOf(tenant)?.length ?? 0) > 0}
                                onClick={() => setDialog({ kind: 'delete-tenant', tenant })}
                              >
                                Delete tenant
                              </Button>
                            </Refusable>
                          )}
                        </div>
                      </div>
                    ))}
                  </div>
                </SectionCard>
              </section>
            ))}
          </div>
        )}
      </ListStates>
      {dialog?.kind === 'add-customer' && (
        <CustomerNameDialog onClose={() => setDialog(undefined)} onSaved={done} />
      )}
      {dialog?.kind === 'rename-customer' && (
        <CustomerNameDialog customer={dialog.customer} onClose={() => setDialog(undefined)} onSaved={done} />
      )}
      {dialog?.kind === 'delete-customer' && (
        <DeleteDialog
          title="Delete customer"
          name={dialog.customer.name}
          remove={() => call(deleteCustomer, { params: { id: dialog.customer.id } })}
          onClose={() => setDialog(undefined)}
          onDone={done}
        >
          A customer can only be deleted when it has no tenants left.
        </DeleteDialog>
      )}
      {dialog?.kind === 'tenant' && (
        <TenantDialog
          customer={dialog.customer}
          {...(dialog.tenant ? { tenant: dialog.tenant } : {})}
          onClose={() => setDialog(undefined)}
          onSaved={done}
        />
      )}
      {dialog?.kind === 'delete-tenant' && (
        <DeleteDialog
          title="Delete tenant"
          name={dialog.tenant.name}
          remove={() => call(deleteTenant, { params: { id: dialog.tenant.id } })}
          onClose={() => setDialog(undefined)}
          onDone={done}
        >
          Its stored credentials are destroyed. A tenant that a connection uses cannot be deleted.
        </DeleteDialog>
      )}
    </>
  );
}

const quoted = (names: readonly string[]): string => names.map((n) => `“${n}”`).join(', ');

/** Why a customer cannot be deleted now (the service's rule: no tenants left), or null. */
function customerInUse(tenants: readonly Tenant[]): string | null {
  if (tenants.length === 0) return null;
  return tenants.length === 1
    ? `Delete its tenant ${quoted(tenants.map((t) => t.name))} first.`
    : `Delete its ${tenants.length} tenants first: ${quoted(tenants.map((t) => t.name))}.`;
}

/** Why a tenant cannot be deleted now (the service's rule: no connection uses it), or null. */
function tenantInUse(users: readonly ConnectionSummary[] | undefined): string | null {
  if (!users || users.length === 0) return null;
  const names = quoted(users.map((c) => c.name));
  return users.length === 1
    ? `Used by the connection ${names}: delete its connection or choose another tenant in its step 2 first.`
    : `Used by ${users.length} connections (${names}): delete those connections or choose another tenant in their step 2 first.`;
}

/** A button the service would refuse now, with the reason as its description. */
function Refusable(props: { readonly reason: string | null; readonly children: ReactElement }) {
  return props.reason ? (
    <Tooltip content={props.reason} relationship="description">
      {props.children}
    </Tooltip>
  ) : (
    props.children
  );
}

/** The connections that write to a tenant, each a link to its page. */
function UsedBy(props: { readonly connections: readonly ConnectionSummary[] | undefined }) {
  const users = props.connections;
  if (!users || users.length === 0) return null;
  return (
    <Text size={200} data-testid="tenant-used-by">
      Used by {users.length === 1 ? '1 connection' : `${users.length} connections`}:{' '}
      {users.map((c, i) => (
        <span key={c.id}>
          {i > 0 && ', '}
          <Link href={`#/connections/${c.id}`}>{c.name}</Link>
        </span>
      ))}
    </Text>
  );
}

function CustomerNameDialog(props: {
  readonly customer?: Customer;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [name, setName] = useState(props.customer?.name ?? '');
  const { customer } = props;
  const save = useAction(() =>
    customer
      ? call(renameCustomer, { params: { id: customer.id }, body: { name: name.trim() } })
      : call(createCustomer, { body: { name: name.trim() } }),
  );
  const changed = useChangedSinceOpened({ name });
  return (
    <ActionDialog
      title={customer ? `Rename ${customer.name}` : 'Add a customer'}
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: customer ? 'Rename' : 'Add customer',
        disabled: !name.trim(),
        onSubmit: () => void save.run().then((saved) => saved && props.onSaved()),
      }}
    >
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} name="customer-name" />
      </Field>
      <ErrorMessage error={save.error} />
    </ActionDialog>
  );
}

function DeleteDialog(props: {
  readonly title: string;
  readonly name: string;
  readonly remove: () => Promise<unknown>;
  readonly onClose: () => void;
  readonly onDone: () => void;
  readonly children: string;
}) {
  const action = useAction(async () => {
    await props.remove();
    return true;
  });
  return (
    <ConfirmDialog
      open
      title={props.title}
      confirmLabel="Delete"
      danger
      busy={action.busy}
      error={action.error}
      onCancel={props.onClose}
      onConfirm={() => void action.run().then((ok) => ok && props.onDone())}
    >
      Delete “{props.name}”? {props.children}
    </ConfirmDialog>
  );
}
