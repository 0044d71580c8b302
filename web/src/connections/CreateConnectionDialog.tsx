/**
 * "Create new connection": name, description, source system and destination tenant type. The
 * connection starts as a draft; the tenant and everything else follow in the five steps.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client.ts';
import { createConnection, TENANT_TYPES, type TenantType } from '../api/contracts.ts';
import type { ConnectionDetails } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SOURCE_SYSTEM_LABELS, TENANT_TYPE_LABELS } from '../ui/labels.ts';

export const useDialogStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
});

export function CreateConnectionDialog(props: {
  readonly onClose: () => void;
  readonly onCreated: (connection: ConnectionDetails) => void;
}) {
  const styles = useDialogStyles();
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
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create.run();
    if (created) props.onCreated(created);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !create.busy && props.onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Create new connection</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Name" required>
                <Input
                  value={name}
                  onChange={(_, d) => setName(d.value)}
                  name="name"
                  maxLength={200}
                  autoFocus
                />
              </Field>
              <Field label="Description">
                <Textarea
                  value={description}
                  onChange={(_, d) => setDescription(d.value)}
                  name="description"
                />
              </Field>
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
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                type="submit"
                disabled={!name.trim() || create.busy}
                icon={create.busy ? <Spinner size="tiny" /> : null}
              >
                Create
              </Button>
              <Button onClick={props.onClose} disabled={create.busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
