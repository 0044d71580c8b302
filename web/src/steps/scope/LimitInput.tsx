/** A number that may also be "no limit" (null), as the thresholds and the delete delay allow. */
import { Checkbox, Field, Input } from '@fluentui/react-components';

/**
 * The width of a number of days or a limit: step 4's lead and grace days use it too (they were 366 and
 * 336 px beside the limits' 110, their hints deciding their width).
 */
export const LIMIT_INPUT_WIDTH = 110;

export function LimitInput(props: {
  readonly label: string;
  readonly hint?: string;
  readonly value: string | null;
  readonly onChange: (value: string | null) => void;
  readonly noneLabel: string;
  readonly max?: number;
  readonly name: string;
}) {
  return (
    <Field label={props.label} hint={props.hint ?? null}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Input
          type="number"
          min={0}
          max={props.max}
          value={props.value ?? ''}
          disabled={props.value === null}
          onChange={(_, d) => props.onChange(d.value)}
          name={props.name}
          style={{ width: LIMIT_INPUT_WIDTH }}
        />
        <Checkbox
          label={props.noneLabel}
          checked={props.value === null}
          onChange={(_, d) => props.onChange(d.checked ? null : '0')}
        />
      </div>
    </Field>
  );
}
