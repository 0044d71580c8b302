/** The connection's IANA time zone: AFAS dates and the schedule are read in it. */
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useMemo, useState } from 'react';

const ALL_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Amsterdam', 'Europe/Brussels', 'UTC'];
  }
})();

export function TimeZonePicker(props: { readonly value: string; readonly onChange: (zone: string) => void }) {
  const [query, setQuery] = useState(props.value);
  const options = useMemo(() => {
    const q = query.toLowerCase();
    const matching = ALL_ZONES.filter((z) => z.toLowerCase().includes(q));
    // Typing the exact current value should still show the others nearby.
    return (matching.length > 0 && query !== props.value ? matching : ALL_ZONES).slice(0, 60);
  }, [query, props.value]);
  return (
    <Field label="Time zone" hint="AFAS dates, lead and grace days and the schedule use this zone.">
      <Combobox
        value={query}
        selectedOptions={[props.value]}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        onOptionSelect={(_, d) => {
          if (d.optionValue) {
            props.onChange(d.optionValue);
            setQuery(d.optionValue);
          }
        }}
        onBlur={() => setQuery(props.value)}
        aria-label="Time zone"
        name="time-zone"
      >
        {options.map((z) => (
          <Option key={z} value={z}>
            {z}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
