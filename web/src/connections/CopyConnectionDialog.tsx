/**
 * "Copy from another connection": a new name and description, the connection to copy, then the
 * customer and tenant it is for. The service copies the configuration but never the secrets, so
 * the copy's AFAS token must be entered again in step 1.
 */
import { Field, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { call } from '../api/client.ts';
import { copyConnection, listConnections } from '../api/contracts.ts';
import type { ConnectionDetails, Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { TenantPicker } from '../tenants/TenantPicker.tsx';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { NameDescriptionFields } from '../ui/NameDescriptionFields.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';

export function CopyConnectionDialog(props: {
  readonly initialSourceId: string | null;
  readonly onClose: () => void;
  readonly onCreated: (connection: ConnectionDetails) => void;
}) {
  const sources = useResource(
    () => call(listConnections, { query: { pageSize: 500, sort: 'name' } }),
    'copy-sources',
  );
  const [sourceId, setSourceId] = useState(props.initialSourceId ?? '');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [tenant, setTenant] = useState<Tenant | undefined>(undefined);
  const source = sources.data?.items.find((c) => c.id === sourceId);

  const copy = useAction(() =>
    call(copyConnection, {
      params: { id: sourceId },
      body: {
        name: name.trim(),
        tenantId,
        ...(description.trim() ? { description: description.trim() } : {}),
      },
    }),
  );
  const changed = useChangedSinceOpened({ sourceId, name, description, customerId, tenantId });
  const submit = async () => {
    const created = await copy.run();
    if (created) props.onCreated(created);
    return created;
  };
  const pickTenant = useCallback((c: string, t: string, chosen: Tenant | undefined) => {
    setCustomerId(c);
    setTenantId(t);
    setTenant(chosen);
  }, []);

  return (
    <ActionDialog
      title="Copy from another connection"
      busy={copy.busy}
      onClose={props.onClose}
      changed={changed}
      maxWidth={640}
      submit={{
        label: 'Copy',
        disabled: !name.trim() || !sourceId || !tenantId || !tenant,
        onSubmit: submit,
      }}
    >
      <NameDescriptionFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
        autoFocus
      />
      <Field label="Copy from" required>
        <Select
          value={sourceId}
          onChange={(_, d) => setSourceId(d.value)}
          name="copy-from"
          disabled={sources.loading && !sources.data}
        >
          <option value="">Choose a connection…</option>
          {(sources.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorMessage error={sources.error} onRetry={sources.reload} />
      <TenantPicker
        customerId={customerId}
        tenantId={tenantId}
        onChange={pickTenant}
        {...(source ? { type: source.destinationType } : {})}
      />
      {source && (
        <MessageBar intent="info">
          <MessageBarBody>
            The configuration of “{source.name}” is copied; its secrets are not. Enter the AFAS token again in
            step 1 of the copy.
          </MessageBarBody>
        </MessageBar>
      )}
      <ErrorMessage error={copy.error} />
    </ActionDialog>
  );
}
