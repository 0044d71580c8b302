/** Adds one more item to an ordered list, chosen from what is not in it yet. */
import { Button } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { OptionalSelect } from './OptionalSelect.tsx';

export function AddFromList<V extends string>(props: {
  readonly label: string;
  readonly name: string;
  readonly options: readonly V[];
  readonly optionLabel?: (value: V) => string;
  readonly onAdd: (value: V) => void;
  /** Why nothing more may be added (the list is at its limit): the Add button is disabled with it. */
  readonly full?: string;
}) {
  const [chosen, setChosen] = useState<V | ''>('');
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
      <OptionalSelect
        label={props.label}
        name={props.name}
        value={chosen}
        noneLabel="Choose…"
        options={props.options}
        {...(props.optionLabel ? { optionLabel: props.optionLabel } : {})}
        onChange={setChosen}
      />
      <Button
        icon={<AddRegular />}
        disabled={!chosen || props.full !== undefined}
        title={props.full}
        onClick={() => {
          if (!chosen) return;
          props.onAdd(chosen);
          setChosen('');
        }}
      >
        Add
      </Button>
    </div>
  );
}
