/**
 * The audit log's filter form: time range, action (an exact action or a family such as
 * "connection."), actor, person (employee number) and outcome. Applied on Enter or with the
 * button, so typing does not fire a query per keystroke.
 */
import {
  Button,
  Combobox,
  Field,
  Input,
  makeStyles,
  Option,
  OptionGroup,
  Select,
  Tag,
  TagGroup,
} from '@fluentui/react-components';
import { FilterRegular } from '@fluentui/react-icons';
import { type FormEvent, useMemo, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_OUTCOME_WORDS, AUDIT_OUTCOMES, type AuditOutcome } from '../api/contracts.ts';
import { OptionalSelect } from '../ui/OptionalSelect.tsx';
import { PHONE } from '../ui/phone-list.ts';
import { useTimeZone } from '../ui/time-zone.ts';
import {
  type AuditFilterValues,
  isoToLocalInput,
  localInputToIso,
  TIME_RANGES,
  type TimeRange,
} from './audit-filter.ts';
import { actionLabel } from './audit-sentences.ts';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '12px',
    alignItems: 'flex-end',
    marginBottom: '12px',
    // On a phone one filter a line, each the full width: side by side they were five widths (141 to 250 px).
    [PHONE]: { flexDirection: 'column', alignItems: 'stretch' },
  },
  // Wide enough for the Actor field's hint, "e-mail or token name" (170 px cut its last letters).
  narrow: { width: '180px', [PHONE]: { width: '100%' } },
});

/** "connection.created" → family "connection." — the API accepts a prefix ending in a dot. */
const FAMILIES = [...new Set(AUDIT_ACTIONS.map((a) => `${a.split('.')[0]}.`))];

/**
 * The action filter's choices in words ("Connection: state changed", "Connection: any action"); the
 * code is what the API is asked for. Typing a code or a prefix such as "connection." still works.
 */
const CHOICES: readonly { readonly code: string; readonly label: string; readonly family: boolean }[] = [
  ...FAMILIES.map((f) => ({
    code: f,
    label: `${actionLabel(f).replace(/:\s*$/, '')}: any action`,
    family: true,
  })),
  ...AUDIT_ACTIONS.map((a) => ({ code: a, label: actionLabel(a), family: false })),
];
const labelOf = (code: string | undefined): string =>
  CHOICES.find((c) => c.code === code)?.label ?? code ?? '';
const codeOf = (text: string): string =>
  CHOICES.find((c) => c.label.toLowerCase() === text.trim().toLowerCase())?.code ?? text.trim();

export function AuditFilters(props: {
  readonly value: AuditFilterValues;
  readonly connectionName: string | undefined;
  readonly onApply: (filter: AuditFilterValues) => void;
}) {
  const styles = useStyles();
  const v = props.value;
  const [range, setRange] = useState<TimeRange>(v.from || v.to ? 'custom' : 'any');
  // The boxes are read in the zone the log's times are shown in, named on each box.
  const zone = useTimeZone();
  const [from, setFrom] = useState(isoToLocalInput(v.from, zone));
  const [to, setTo] = useState(isoToLocalInput(v.to, zone));
  const [action, setAction] = useState(labelOf(v.action));
  const [actor, setActor] = useState(v.actor ?? '');
  const [person, setPerson] = useState(v.person ?? '');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>(v.outcome ?? '');
  const actionOptions = useMemo(() => {
    const q = action.trim().toLowerCase();
    const matching = CHOICES.filter((c) => c.label.toLowerCase().includes(q) || c.code.includes(q));
    return { families: matching.filter((c) => c.family), actions: matching.filter((c) => !c.family) };
  }, [action]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const preset = TIME_RANGES.find((r) => r.value === range);
    const fromIso =
      range === 'custom'
        ? localInputToIso(from, zone)
        : preset?.hours
          ? new Date(Date.now() - preset.hours * 3600 * 1000).toISOString()
          : undefined;
    const toIso = range === 'custom' ? localInputToIso(to, zone) : undefined;
    const next: Record<string, string> = {};
    if (v.connectionId) next.connectionId = v.connectionId;
    if (v.runId) next.runId = v.runId;
    if (fromIso) next.from = fromIso;
    if (toIso) next.to = toIso;
    if (action.trim()) next.action = codeOf(action);
    if (actor.trim()) next.actor = actor.trim();
    if (person.trim()) next.person = person.trim();
    if (outcome) next.outcome = outcome;
    props.onApply(next as AuditFilterValues);
  };

  const scoped: { key: 'connectionId' | 'runId'; label: string }[] = [];
  if (v.connectionId)
    scoped.push({ key: 'connectionId', label: `Connection: ${props.connectionName ?? v.connectionId}` });
  if (v.runId) scoped.push({ key: 'runId', label: `Run: ${v.runId}` });

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Filter the audit log">
      {scoped.length > 0 && (
        <TagGroup
          aria-label="Scope"
          onDismiss={(_, d) => {
            const { [d.value as 'connectionId' | 'runId']: _removed, ...rest } = v;
            props.onApply(rest);
          }}
          style={{ flexBasis: '100%' }}
        >
          {scoped.map((s) => (
            <Tag key={s.key} value={s.key} dismissible dismissIcon={{ 'aria-label': `Remove ${s.label}` }}>
              {s.label}
            </Tag>
          ))}
        </TagGroup>
      )}
      <Field label="Time range">
        <Select value={range} onChange={(_, d) => setRange(d.value as TimeRange)} name="time-range">
          {TIME_RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      {range === 'custom' && (
        <>
          <Field label={`From (${zone})`}>
            <Input type="datetime-local" value={from} onChange={(_, d) => setFrom(d.value)} name="from" />
          </Field>
          <Field label={`To (${zone})`}>
            <Input type="datetime-local" value={to} onChange={(_, d) => setTo(d.value)} name="to" />
          </Field>
        </>
      )}
      <Field label="Action">
        <Combobox
          freeform
          value={action}
          onInput={(e) => setAction((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => setAction(d.optionText ?? '')}
          placeholder="Any action"
          name="action"
          className={styles.narrow}
        >
          {actionOptions.families.length > 0 && (
            <OptionGroup label="All actions of a kind">
              {actionOptions.families.map((c) => (
                <Option key={c.code} value={c.code}>
                  {c.label}
                </Option>
              ))}
            </OptionGroup>
          )}
          <OptionGroup label="Actions">
            {actionOptions.actions.map((c) => (
              <Option key={c.code} value={c.code}>
                {c.label}
              </Option>
            ))}
          </OptionGroup>
        </Combobox>
      </Field>
      <Field label="Actor">
        <Input
          value={actor}
          onChange={(_, d) => setActor(d.value)}
          placeholder="e-mail or token name"
          name="actor"
          className={styles.narrow}
        />
      </Field>
      <Field label="Person">
        <Input
          value={person}
          onChange={(_, d) => setPerson(d.value)}
          placeholder="employee number"
          name="person"
          className={styles.narrow}
        />
      </Field>
      <OptionalSelect
        label="Outcome"
        name="outcome"
        value={outcome}
        noneLabel="Any outcome"
        options={AUDIT_OUTCOMES}
        optionLabel={(o) => AUDIT_OUTCOME_WORDS[o]}
        onChange={setOutcome}
      />
      <Button type="submit" appearance="primary" icon={<FilterRegular />}>
        Apply filters
      </Button>
    </form>
  );
}
