/**
 * A whole number typed into a field. The value stays text while it is typed, so the form can say
 * what is wrong with "" or "1000000" instead of the browser silently dropping it.
 */
import { Field, Input } from '@fluentui/react-components';

export function NumberField(props: {
  readonly label: string;
  readonly hint?: string;
  readonly min: number;
  readonly max: number;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly name: string;
  readonly required?: boolean;
  readonly validationMessage?: string | null;
  /** In pixels; by default the input's natural width. */
  readonly width?: number;
}) {
  return (
    <Field
      label={props.label}
      {...(props.hint === undefined ? {} : { hint: props.hint })}
      {...(props.required ? { required: true } : {})}
      {...(props.validationMessage === undefined ? {} : { validationMessage: props.validationMessage })}
    >
      <Input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
        name={props.name}
        {...(props.width === undefined ? {} : { style: { width: props.width } })}
      />
    </Field>
  );
}
