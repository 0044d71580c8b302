/**
 * Step 4: who is managed (scoping filters and what happens when someone leaves scope), which
 * employment counts (the primary-employment rule), when accounts appear and go (lead and grace
 * days, leavers), the safety thresholds that block a run, and the time zone.
 */
import { Field, makeStyles, Select, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { PRIMARY_CRITERIA, type PrimaryCriterion, saveScopeStep } from '../../api/contracts.ts';
import type { ScopeStep } from '../../api/dto.ts';
import { AddFromList } from '../../ui/AddFromList.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { OrderedList } from '../../ui/OrderedList.tsx';
import type { StepEditorProps } from '../editor-props.ts';
import { PreviewImpact } from '../PreviewImpact.tsx';
import { StepFrame } from '../StepFrame.tsx';
import { StepSection } from '../StepSection.tsx';
import { type Filter, FilterBuilder, needsValue } from './FilterBuilder.tsx';
import { LIMIT_INPUT_WIDTH, LimitInput } from './LimitInput.tsx';
import { TimeZonePicker } from './TimeZonePicker.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '16px', flexWrap: 'wrap', alignItems: 'flex-start' },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: '24px',
    // On a phone the primary-employment rules and the lifecycle settings stand one above the other.
    '@media (max-width: 700px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

/** The two "their account is" choices, one width (the second filled its column, 365 px beside 360). */
const CHOICE_WIDTH = { maxWidth: 360 } as const;

const CRITERION_LABELS: Readonly<Record<PrimaryCriterion, string>> = {
  'active-first': 'Active employments first',
  'highest-fte': 'Highest FTE',
  'earliest-start': 'Earliest start date',
  'latest-start': 'Latest start date',
  'lowest-sequence': 'Lowest sequence number',
  'highest-sequence': 'Highest sequence number',
  'latest-end': 'Latest end date',
};

type OutOfScope = ScopeStep['scope']['outOfScope'];
type Missing = NonNullable<ScopeStep['lifecycle']>['missingFromSource'];
const toText = (n: number | null | undefined): string | null =>
  n === null || n === undefined ? null : String(n);
const isWhole = (s: string) => /^\d+$/.test(s);
const isPercent = (s: string) => s !== '' && Number(s) >= 0 && Number(s) <= 100;

export function ScopeStepEditor(props: StepEditorProps) {
  const styles = useStyles();
  const s = props.configuration.scope.settings;
  const [filters, setFilters] = useState<Filter[]>(() => [...(s?.scope.filters ?? [])]);
  const [outOfScope, setOutOfScope] = useState<OutOfScope>(s?.scope.outOfScope ?? 'disable');
  const [criteria, setCriteria] = useState<PrimaryCriterion[]>(() => [
    ...(s?.persons.primaryEmployment ?? ['active-first', 'highest-fte', 'earliest-start', 'lowest-sequence']),
  ]);
  const [leadDays, setLeadDays] = useState(String(s?.persons.leadDays ?? 14));
  const [graceDays, setGraceDays] = useState(String(s?.persons.graceDays ?? 0));
  const [excludeWithout, setExcludeWithout] = useState(s?.persons.excludeWithoutEmployment ?? true);
  const [deleteAfter, setDeleteAfter] = useState<string | null>(toText(s?.lifecycle.deleteAfterDays));
  const [missing, setMissing] = useState<Missing>(s?.lifecycle.missingFromSource ?? 'disable');
  const [setManager, setSetManager] = useState(s?.lifecycle.setManager ?? true);
  const [maxCount, setMaxCount] = useState<string | null>(
    toText(s ? s.thresholds.maxDisableDeleteCount : 100),
  );
  const [maxPercent, setMaxPercent] = useState<string | null>(
    toText(s ? s.thresholds.maxDisableDeletePercent : 10),
  );
  const [maxShrink, setMaxShrink] = useState<string | null>(
    toText(s ? s.thresholds.maxSourceShrinkPercent : 10),
  );
  const [timeZone, setTimeZone] = useState(s?.timeZone ?? props.connection.timeZone);

  const invalid = filters.some((f) =>
    f.clauses.some((c) => !c.attribute.trim() || (needsValue(c.operator) && !c.value?.trim())),
  )
    ? 'Every filter clause needs an attribute and a value.'
    : !isWhole(leadDays) || Number(leadDays) > 365 || !isWhole(graceDays) || Number(graceDays) > 365
      ? 'Lead and grace days are whole numbers from 0 to 365.'
      : deleteAfter !== null && (!isWhole(deleteAfter) || Number(deleteAfter) > 3650)
        ? 'Delete after: a whole number of days up to 3650, or never.'
        : (maxCount !== null && !isWhole(maxCount)) ||
            (maxPercent !== null && !isPercent(maxPercent)) ||
            (maxShrink !== null && !isPercent(maxShrink))
          ? 'Thresholds are a count, a percentage from 0 to 100, or no limit.'
          : !timeZone
            ? 'Choose a time zone.'
            : null;

  const num = (v: string | null) => (v === null ? null : Number(v));
  const draft: ScopeStep = {
    scope: { filters, outOfScope },
    persons: {
      primaryEmployment: criteria,
      leadDays: Number(leadDays),
      graceDays: Number(graceDays),
      excludeWithoutEmployment: excludeWithout,
    },
    lifecycle: { deleteAfterDays: num(deleteAfter), missingFromSource: missing, setManager },
    thresholds: {
      maxDisableDeleteCount: num(maxCount),
      maxDisableDeletePercent: num(maxPercent),
      maxSourceShrinkPercent: num(maxShrink),
    },
    timeZone,
  };
  const save = () => call(saveScopeStep, { params: { id: props.connection.id }, body: draft });

  return (
    <StepFrame
      connection={props.connection}
      step={4}
      readOnly={props.readOnly}
      onDiscard={props.onDiscard}
      invalid={invalid}
      draft={draft}
      save={save}
      onSaved={props.onSaved}
      preview={<PreviewImpact connectionId={props.connection.id} step={4} draft={draft} invalid={invalid} />}
    >
      <StepSection id="scope-heading" title="Scope">
        <FilterBuilder filters={filters} onChange={setFilters} readOnly={props.readOnly} />
        <Field label="When a person leaves scope, their account is" style={CHOICE_WIDTH}>
          <Select
            value={outOfScope}
            onChange={(_, d) => setOutOfScope(d.value as OutOfScope)}
            name="out-of-scope"
          >
            <option value="disable">Disabled</option>
            <option value="delete">Deleted</option>
            <option value="none">Left as it is</option>
          </Select>
        </Field>
      </StepSection>
      <div className={styles.columns}>
        <StepSection
          id="primary-heading"
          title="Primary employment"
          description="When a person has more than one employment, these rules pick the one that fills job title, department and manager: the first rule decides, later rules break ties."
        >
          <OrderedList
            items={criteria}
            label="Primary employment rules in order"
            render={(c) => CRITERION_LABELS[c]}
            describe={(c) => CRITERION_LABELS[c]}
            onChange={setCriteria}
            readOnly={props.readOnly}
            keepOne
          />
          {!props.readOnly && criteria.length < PRIMARY_CRITERIA.length && (
            <AddFromList
              label="Add a rule"
              name="new-criterion"
              options={PRIMARY_CRITERIA.filter((c) => !criteria.includes(c))}
              optionLabel={(c) => CRITERION_LABELS[c]}
              onAdd={(c) => setCriteria([...criteria, c])}
            />
          )}
        </StepSection>
        <StepSection id="lifecycle-heading" title="Joiners and leavers">
          <div className={styles.row}>
            <NumberField
              label="Lead days"
              hint="Days before the start date that the account exists (disabled)."
              min={0}
              max={365}
              value={leadDays}
              onChange={setLeadDays}
              name="lead-days"
              width={LIMIT_INPUT_WIDTH}
            />
            <NumberField
              label="Grace days"
              hint="Days after the end date that the account stays enabled."
              min={0}
              max={365}
              value={graceDays}
              onChange={setGraceDays}
              name="grace-days"
              width={LIMIT_INPUT_WIDTH}
            />
          </div>
          <LimitInput
            label="Delete a leaver’s account after (days)"
            hint="Counted from the end date; leavers are disabled first."
            value={deleteAfter}
            onChange={setDeleteAfter}
            noneLabel="Never delete"
            max={3650}
            name="delete-after-days"
          />
          <Field label="When a person disappears from AFAS, their account is" style={CHOICE_WIDTH}>
            <Select
              value={missing}
              onChange={(_, d) => setMissing(d.value as Missing)}
              name="missing-from-source"
            >
              <option value="disable">Disabled</option>
              <option value="none">Left as it is</option>
            </Select>
          </Field>
          <Switch
            checked={excludeWithout}
            onChange={(_, d) => setExcludeWithout(d.checked)}
            label="Ignore persons without any employment"
          />
          <Switch
            checked={setManager}
            onChange={(_, d) => setSetManager(d.checked)}
            label="Set each account’s manager"
          />
        </StepSection>
      </div>
      <StepSection
        id="thresholds-heading"
        title="Safety thresholds"
        description="A run that would disable or delete more accounts than this, or that reads far fewer employees than last time, is blocked: nothing is applied until an operator approves it."
      >
        <div className={styles.row}>
          <LimitInput
            label="Most disables + deletes per run"
            value={maxCount}
            onChange={setMaxCount}
            noneLabel="No limit"
            name="max-disable-delete-count"
          />
          <LimitInput
            label="Most disables + deletes (% of accounts)"
            value={maxPercent}
            onChange={setMaxPercent}
            noneLabel="No limit"
            max={100}
            name="max-disable-delete-percent"
          />
          <LimitInput
            label="Most the source may shrink (%)"
            value={maxShrink}
            onChange={setMaxShrink}
            noneLabel="No limit"
            max={100}
            name="max-source-shrink-percent"
          />
        </div>
      </StepSection>
      <StepSection id="zone-heading" title="Time zone" style={{ maxWidth: 360 }}>
        <TimeZonePicker value={timeZone} onChange={setTimeZone} />
      </StepSection>
    </StepFrame>
  );
}
