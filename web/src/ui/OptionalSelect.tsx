/**
 * One value of a closed set, or none: the empty value, whose label says what none means in
 * context ("All actions" in a filter, "Choose…" before adding).
 */
import { Field, Select } from '@fluentui/react-components';

export function OptionalSelect<V extends string>(props: {
  readonly label: string;
  readonly name: string;
  readonly value: V | '';
  readonly noneLabel: string;
  readonly options: readonly V[];
  readonly optionLabel?: (value: V) => string;
  readonly onChange: (value: V | '') => void;
}) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as V | '')} name={props.name}>
        <option value="">{props.noneLabel}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.optionLabel ? props.optionLabel(o) : o}
          </option>
        ))}
      </Select>
    </Field>
  );
}
