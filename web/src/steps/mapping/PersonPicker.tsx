/**
 * Picks one AFAS employee of the connection: searches the service's person list (employee number
 * prefix or part of the name, case and accents ignored) as the administrator types. In the
 * expression tester a number that is typed and not picked is used as it is, so someone AFAS lists
 * later can still be tried; "Sync one person" (`pickOnly`) takes only a person picked from the list.
 */
import { Combobox, Field, makeStyles, Option } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { searchPersons } from '../../api/contracts.ts';
import { plainWords } from '../../api/plain-words.ts';
import { useDebounced } from '../../api/use-debounced.ts';
import { useResource } from '../../api/use-resource.ts';

const LIMIT = 20;
// Wide enough for "number — name (lifecycle)" of most Dutch names.
// 320 px wide where there is room; in a phone's dialog (273 px at 320 px) it narrows to fit.
const useStyles = makeStyles({
  field: { width: '320px', maxWidth: '100%', gridTemplateColumns: 'minmax(0, 1fr)' },
  combobox: { minWidth: 0 },
});
/** Options that only inform (searching, nothing found, more to narrow) share this non-value. */
const NOTE = '';

export function PersonPicker(props: {
  readonly connectionId: string;
  /** The chosen employee number, or the trimmed typed text; empty when there is neither. */
  readonly onChange: (employeeNumber: string) => void;
  /** Only a person picked from the list counts; typing clears the choice. */
  readonly pickOnly?: boolean;
  readonly label?: string;
  readonly hint?: string;
  readonly ariaLabel?: string;
  readonly testId?: string;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  // AFAS is read only once the administrator reaches for the picker, not whenever the editor opens.
  const [wanted, setWanted] = useState(false);
  const q = useDebounced(query.trim(), 250);
  const found = useResource(
    () =>
      wanted
        ? call(searchPersons, { params: { id: props.connectionId }, query: { q, limit: LIMIT } })
        : Promise.resolve(null),
    `${props.connectionId}|${wanted}|${q}`,
  );
  const persons = found.data?.items ?? [];
  const searching = wanted && (found.loading || q !== query.trim());

  const notes: string[] = [];
  if (searching && persons.length === 0) notes.push('Searching AFAS…');
  else if (found.data && found.data.total === 0)
    notes.push(q === '' ? 'AFAS lists no employees for this connection.' : `No one in AFAS matches “${q}”.`);
  else if (found.data && found.data.total > persons.length)
    notes.push(`${persons.length} of ${found.data.total} shown: type more to narrow the list.`);

  // The search's failure (AFAS refused the token, say) belongs to this field, in plain words.
  const failure = found.error === undefined ? undefined : plainWords(found.error);

  return (
    <Field
      className={styles.field}
      label={props.label ?? 'Employee'}
      hint={props.hint ?? 'Search AFAS by employee number or name.'}
      {...(props.pickOnly ? { required: true } : {})}
      {...(failure
        ? { validationState: 'error' as const, validationMessage: `${failure.title}: ${failure.message}` }
        : {})}
    >
      <Combobox
        freeform
        className={styles.combobox}
        placeholder="Number or name"
        value={text}
        onFocus={() => setWanted(true)}
        onOpenChange={(_, d) => d.open && setWanted(true)}
        onInput={(e) => {
          const typed = (e.target as HTMLInputElement).value;
          setText(typed);
          setQuery(typed);
          props.onChange(props.pickOnly ? '' : typed.trim());
        }}
        onOptionSelect={(_, d) => {
          if (!d.optionValue) return;
          setText(d.optionText ?? d.optionValue);
          props.onChange(d.optionValue);
        }}
        aria-label={props.ariaLabel ?? 'Employee to test with'}
        data-testid={props.testId ?? 'tester-employee'}
      >
        {persons.map((p) => {
          const label = `${p.employeeNumber} — ${p.displayName} (${p.lifecycle})`;
          return (
            <Option key={p.employeeNumber} value={p.employeeNumber} text={label}>
              {label}
            </Option>
          );
        })}
        {notes.map((note) => (
          <Option key={note} value={NOTE} text={note} disabled>
            {note}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
