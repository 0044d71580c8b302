/** Rename a connection or change its description. */
import { useState } from 'react';
import { call } from '../api/client.ts';
import { updateConnection } from '../api/contracts.ts';
import type { ConnectionDetails } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { NameDescriptionFields } from '../ui/NameDescriptionFields.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';

export function RenameDialog(props: {
  readonly connection: ConnectionDetails;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [name, setName] = useState(props.connection.name);
  const [description, setDescription] = useState(props.connection.description);
  const save = useAction(() =>
    call(updateConnection, {
      params: { id: props.connection.id },
      body: { name: name.trim(), description: description.trim() },
    }),
  );
  const changed = useChangedSinceOpened({ name, description });
  const submit = async () => {
    const saved = await save.run();
    if (saved) props.onSaved();
    return saved;
  };
  return (
    <ActionDialog
      title="Edit name and description"
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{ label: 'Save', disabled: !name.trim(), onSubmit: submit }}
    >
      <NameDescriptionFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
      />
      <ErrorMessage error={save.error} />
    </ActionDialog>
  );
}
