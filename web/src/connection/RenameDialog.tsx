/** Rename a connection or change its description. */
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
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client.ts';
import { updateConnection } from '../api/contracts.ts';
import type { ConnectionDetails } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useDialogStyles } from '../connections/CreateConnectionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

export function RenameDialog(props: {
  readonly connection: ConnectionDetails;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const styles = useDialogStyles();
  const [name, setName] = useState(props.connection.name);
  const [description, setDescription] = useState(props.connection.description);
  const save = useAction(() =>
    call(updateConnection, {
      params: { id: props.connection.id },
      body: { name: name.trim(), description: description.trim() },
    }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save.run()) props.onSaved();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !save.busy && props.onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Edit name and description</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Name" required>
                <Input value={name} onChange={(_, d) => setName(d.value)} name="name" maxLength={200} />
              </Field>
              <Field label="Description">
                <Textarea
                  value={description}
                  onChange={(_, d) => setDescription(d.value)}
                  name="description"
                />
              </Field>
              <ErrorMessage error={save.error} />
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                type="submit"
                disabled={!name.trim() || save.busy}
                icon={save.busy ? <Spinner size="tiny" /> : null}
              >
                Save
              </Button>
              <Button onClick={props.onClose} disabled={save.busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
