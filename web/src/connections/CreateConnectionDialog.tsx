/**
 * "Create new connection": name, description, source system and destination tenant type. The
 * connection starts as a draft; the tenant and everything else follow in the five steps.
 */
import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { createConnection, TENANT_TYPES, type TenantType } from '../api/contracts.ts';
import type { ConnectionDetails } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SOURCE_SYSTEM_LABELS, TENANT_TYPE_LABELS } from '../ui/labels.ts';
import { NameDescriptionFields } from '../ui/NameDescriptionFields.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';

export function CreateConnectionDialog(props: {
  readonly onClose: () => void;
  readonly onCreated: (connection: ConnectionDetails) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [destinationType, setDestinationType] = useState<TenantType>('cloud');
  const create = useAction(() =>
    call(createConnection, {
      body: {
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        sourceSystem: 'afas-profit',
        destinationType,
      },
    }),
  );
  const changed = useChangedSinceOpened({ name, description, destinationType });
  const submit = async () => {
    const created = await create.run();
    if (created) props.onCreated(created);
    return created;
  };

  return (
    <ActionDialog
      title="Create new connection"
      busy={create.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{ label: 'Create', disabled: !name.trim(), onSubmit: submit }}
    >
      <NameDescriptionFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
        autoFocus
      />
      <Field label="Source system" hint="hrsync reads employees from AFAS Profit.">
        <Select value="afas-profit" name="source-system">
          <option value="afas-profit">{SOURCE_SYSTEM_LABELS['afas-profit']}</option>
        </Select>
      </Field>
      <Field label="Destination tenant type" required>
        <RadioGroup
          value={destinationType}
          onChange={(_, d) => setDestinationType(d.value as TenantType)}
          name="destination-type"
        >
          {TENANT_TYPES.map((t) => (
            <Radio key={t} value={t} label={TENANT_TYPE_LABELS[t]} />
          ))}
        </RadioGroup>
      </Field>
      <ErrorMessage error={create.error} />
    </ActionDialog>
  );
}
