/** The name (required, as long as the service allows) and free-text description of a record. */
import { Field, Input, Textarea } from '@fluentui/react-components';

export function NameDescriptionFields(props: {
  readonly name: string;
  readonly description: string;
  readonly onName: (name: string) => void;
  readonly onDescription: (description: string) => void;
  /** In a dialog that opens to type a new name. */
  readonly autoFocus?: boolean;
}) {
  return (
    <>
      <Field label="Name" required>
        <Input
          value={props.name}
          onChange={(_, d) => props.onName(d.value)}
          name="name"
          maxLength={200}
          autoFocus={props.autoFocus === true}
        />
      </Field>
      <Field label="Description">
        <Textarea
          value={props.description}
          onChange={(_, d) => props.onDescription(d.value)}
          name="description"
        />
      </Field>
    </>
  );
}
