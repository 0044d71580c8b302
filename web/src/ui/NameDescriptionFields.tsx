/** The name (required, as long as the service allows) and free-text description of a record. */
import { Field, Input, Textarea } from '@fluentui/react-components';
import { NAME_MAX_LENGTH } from '../api/contracts.ts';

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
      <Field
        label="Name"
        required
        hint={
          // The input stops at the limit, and cuts a longer paste without a word: say so.
          props.name.length >= NAME_MAX_LENGTH
            ? `Names have at most ${NAME_MAX_LENGTH} characters; anything longer was cut off.`
            : null
        }
      >
        <Input
          value={props.name}
          onChange={(_, d) => props.onName(d.value)}
          name="name"
          maxLength={NAME_MAX_LENGTH}
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
