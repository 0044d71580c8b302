/** A list filter: one value of a closed set, or any (the empty value). */
import { Field, Select } from '@fluentui/react-components';

export function FilterSelect<V extends string>(props: {
  readonly label: string;
  readonly name: string;
  readonly value: V | '';
  /** What the empty choice says: "All actions", "Any outcome". */
  readonly anyLabel: string;
  readonly options: readonly V[];
  readonly optionLabel?: (value: V) => string;
  readonly onChange: (value: V | '') => void;
}) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as V | '')} name={props.name}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.optionLabel ? props.optionLabel(o) : o}
          </option>
        ))}
      </Select>
    </Field>
  );
}
