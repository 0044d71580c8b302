/**
 * Step 3: the attribute mappings, how existing accounts are matched (in precedence order), how
 * unique user names are generated, and optional write-back of e-mail and UPN to AFAS.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Switch,
  Text,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, MathFormulaRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { LIST_LIMITS, NAMING_SCHEMES, type NamingScheme, saveMappingStep } from '../../api/contracts.ts';
import type { MappingStep } from '../../api/dto.ts';
import { AddFromList } from '../../ui/AddFromList.tsx';
import { AttributeName } from '../../ui/AttributeName.tsx';
import { attributeText } from '../../ui/attribute-labels.ts';
import { NAMING_SCHEME_DESCRIPTIONS, NAMING_SCHEME_LABELS } from '../../ui/labels.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { OrderedList } from '../../ui/OrderedList.tsx';
import { LAPTOP, PHONE } from '../../ui/phone-list.ts';
import type { StepEditorProps } from '../editor-props.ts';
import { PreviewImpact } from '../PreviewImpact.tsx';
import { StepFrame } from '../StepFrame.tsx';
import { StepSection } from '../StepSection.tsx';
import { attributeLabel, targetAttributes } from './attributes.ts';
import { type EntitlementRuleDraft, EntitlementsEditor, entitlementsProblem } from './EntitlementsEditor.tsx';
import { ExpressionEditorDialog } from './ExpressionEditorDialog.tsx';
import { MappingTable, type Rule, type RuleRow, sourceProblem } from './MappingTable.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'flex-end', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  // Side by side only on a wide screen: beside the navigation on a laptop the precedence column was
  // too narrow for its own field, and on a phone both columns were.
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)',
    gap: '24px',
    [LAPTOP]: { gridTemplateColumns: 'minmax(0, 1fr)' },
    [PHONE]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

type Editing =
  | { readonly kind: 'rule'; readonly key: number }
  | { readonly kind: 'candidate'; readonly index: number };

// The scheme's name in its select, its rule and examples under it: together they were cut on a phone.
const CUSTOM_SCHEME = 'Custom candidates';
const CUSTOM_SCHEME_DESCRIPTION = 'Custom candidates — expressions tried in order, listed below';

export function MappingStepEditor(props: StepEditorProps) {
  const styles = useStyles();
  const settings = props.configuration.mapping.settings;
  const nextKey = useRef(0);
  const keyed = (rule: Rule): RuleRow => ({ key: nextKey.current++, rule });
  const [rows, setRows] = useState<RuleRow[]>(() => (settings?.mapping ?? []).map(keyed));
  const [matching, setMatching] = useState<string[]>(() => [...(settings?.matching ?? ['employeeId'])]);
  const [candidates, setCandidates] = useState<string[]>(() => [...(settings?.uniqueness.candidates ?? [])]);
  const [maxSuffix, setMaxSuffix] = useState(String(settings?.uniqueness.maxSuffix ?? 99));
  const [scheme, setScheme] = useState<NamingScheme | 'custom'>(settings?.uniqueness.scheme ?? 'custom');
  const [writeBack, setWriteBack] = useState(settings?.writeBack ?? { email: false, upn: false });
  const [entitlements, setEntitlements] = useState<EntitlementRuleDraft[]>(() =>
    structuredClone([...(settings?.entitlements ?? [])]),
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const suggestions = targetAttributes(props.connection.destinationType);
  const targets = rows.map((r) => r.rule.target).filter(Boolean);

  const untargeted = rows.findIndex((r) => !r.rule.target.trim());
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  const unsourced = rows.find((r) => r.rule.target.trim() && sourceProblem(r.rule));
  // Each problem names the mapping it is in: "Every mapping needs a source" left the administrator
  // to search 18 rows for the one they had emptied.
  const invalid =
    rows.length === 0
      ? 'Add at least one mapping.'
      : untargeted >= 0
        ? `Mapping rule ${untargeted + 1} has no target attribute: enter one, such as jobTitle.`
        : twice !== undefined
          ? `${twice} is mapped twice: map each target attribute once.`
          : unsourced
            ? `The mapping of ${unsourced.rule.target.trim()} needs attention: ${
                unsourced.rule.type === 'expression' && unsourced.rule.source?.trim()
                  ? 'its expression has a mistake (see the message under it).'
                  : sourceProblem(unsourced.rule)
              }`
            : matching.length === 0
              ? 'Choose at least one matching attribute.'
              : scheme === 'custom' && candidates.filter((c) => c.trim()).length === 0
                ? 'Add at least one unique-name candidate.'
                : !/^\d+$/.test(maxSuffix) || Number(maxSuffix) > 999
                  ? 'The highest number suffix is 0 to 999.'
                  : entitlementsProblem(entitlements);

  const draft: MappingStep = {
    mapping: rows.map(({ rule }) => {
      const { source, ...rest } = rule;
      return rule.type === 'none' || !source ? rest : { ...rest, source };
    }),
    matching,
    uniqueness: {
      ...(scheme === 'custom' ? {} : { scheme }),
      // Kept with a scheme too, so switching back to custom candidates finds them again.
      candidates: candidates.some((c) => c.trim())
        ? candidates.filter((c) => c.trim())
        : ['Join(".", [Roepnaam], [Geboortenaam])'],
      maxSuffix: Number(maxSuffix),
    },
    writeBack,
    entitlements,
  };
  const save = () => call(saveMappingStep, { params: { id: props.connection.id }, body: draft });

  const editingRule = editing?.kind === 'rule' ? rows.find((r) => r.key === editing.key) : undefined;
  const editingText =
    editing?.kind === 'rule'
      ? (editingRule?.rule.source ?? '')
      : editing
        ? (candidates[editing.index] ?? '')
        : '';
  const applyExpression = (text: string) => {
    if (editing?.kind === 'rule') {
      setRows(
        rows.map((r) => (r.key === editing.key ? { key: r.key, rule: { ...r.rule, source: text } } : r)),
      );
    } else if (editing) {
      setCandidates(candidates.map((c, i) => (i === editing.index ? text : c)));
    }
    setEditing(null);
  };

  return (
    <StepFrame
      connection={props.connection}
      step={3}
      readOnly={props.readOnly}
      onDiscard={props.onDiscard}
      invalid={invalid}
      draft={draft}
      save={save}
      onSaved={props.onSaved}
      preview={<PreviewImpact connectionId={props.connection.id} step={3} draft={draft} invalid={invalid} />}
    >
      <StepSection id="mapping-heading" title="Attribute mappings">
        {!props.configuration.mapping.saved && (
          <Text>These are hrsync’s proposed mappings for AFAS Profit; review them and save.</Text>
        )}
        <MappingTable
          rows={rows}
          targetLimits={props.configuration.targetLimits}
          targetSuggestions={suggestions}
          labelOf={(a) => attributeLabel(props.connection.destinationType, a)}
          readOnly={props.readOnly}
          onChange={setRows}
          onEditExpression={(key) => setEditing({ kind: 'rule', key })}
          onAdd={() => setRows([...rows, keyed({ target: '', type: 'direct', source: '', apply: 'always' })])}
        />
      </StepSection>
      <div className={styles.columns}>
        <StepSection
          id="matching-heading"
          title="Matching precedence"
          description="Existing accounts are found by these attributes, first to last. More than one match is a conflict, never a guess."
        >
          <OrderedList
            items={matching}
            label="Matching attributes in precedence order"
            render={(m) => <AttributeName name={m} />}
            describe={(m) => m}
            onChange={setMatching}
            readOnly={props.readOnly}
            keepOne
          />
          {!props.readOnly && (
            <AddFromList
              label="Add a matching attribute"
              name="new-matching"
              options={targets.filter((t) => !matching.includes(t))}
              optionLabel={(t) => attributeText(props.connection.destinationType, t)}
              onAdd={(t) => setMatching([...matching, t])}
              {...(matching.length >= LIST_LIMITS.matching
                ? { full: `At most ${LIST_LIMITS.matching} matching attributes` }
                : {})}
            />
          )}
        </StepSection>
        <StepSection
          id="unique-heading"
          title="Unique names"
          description="How the part before @ of new user names is made, in order of preference. The first that is free in the tenant wins; then the first gets a number: 2, 3, … up to the highest suffix. Names are turned into plain letters (ı → i, ß → ss); a candidate with an empty part is skipped. Use it as [UniqueName]."
        >
          <Field
            label="Naming scheme"
            hint={scheme === 'custom' ? CUSTOM_SCHEME_DESCRIPTION : NAMING_SCHEME_DESCRIPTIONS[scheme]}
          >
            <Select
              value={scheme}
              disabled={props.readOnly}
              onChange={(_, d) => setScheme(d.value as NamingScheme | 'custom')}
              name="naming-scheme"
            >
              {NAMING_SCHEMES.map((s) => (
                <option key={s} value={s}>
                  {NAMING_SCHEME_LABELS[s]}
                </option>
              ))}
              <option value="custom">{CUSTOM_SCHEME}</option>
            </Select>
          </Field>
          {scheme === 'custom' && (
            <OrderedList
              items={candidates}
              label="Unique name candidates"
              fields
              describe={(c) => c || 'empty candidate'}
              onChange={setCandidates}
              readOnly={props.readOnly}
              keepOne
              render={(c, i) => (
                <div className={styles.row} style={{ alignItems: 'center' }}>
                  <Input
                    value={c}
                    onChange={(_, d) => setCandidates(candidates.map((x, j) => (j === i ? d.value : x)))}
                    aria-label={`Candidate ${i + 1}`}
                    className={styles.mono}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  <Tooltip content={`Edit and test candidate ${i + 1}`} relationship="label">
                    <Button
                      appearance="subtle"
                      icon={<MathFormulaRegular />}
                      onClick={() => setEditing({ kind: 'candidate', index: i })}
                    />
                  </Tooltip>
                </div>
              )}
            />
          )}
          {!props.readOnly && (
            <div className={styles.row}>
              {scheme === 'custom' && (
                <Button
                  icon={<AddRegular />}
                  disabled={candidates.length >= LIST_LIMITS.candidates}
                  title={
                    candidates.length >= LIST_LIMITS.candidates
                      ? `At most ${LIST_LIMITS.candidates} candidates: after them hrsync numbers the first one itself`
                      : undefined
                  }
                  onClick={() => setCandidates([...candidates, ''])}
                >
                  Add candidate
                </Button>
              )}
              <NumberField
                label="Highest number suffix"
                min={0}
                max={999}
                value={maxSuffix}
                onChange={setMaxSuffix}
                name="max-suffix"
                width={100}
              />
            </div>
          )}
        </StepSection>
      </div>
      <StepSection id="writeback-heading" title="Write-back to AFAS">
        <Switch
          checked={writeBack.email}
          onChange={(_, d) => setWriteBack({ ...writeBack, email: d.checked })}
          label="Write the account’s e-mail address to the employee in AFAS"
        />
        <Switch
          checked={writeBack.upn}
          onChange={(_, d) => setWriteBack({ ...writeBack, upn: d.checked })}
          label="Write the user principal name to the AFAS user"
        />
      </StepSection>
      <StepSection
        id="entitlements-heading"
        title="Groups and licences"
        description="Rules give groups and licences to the persons who meet their condition; a person gets those of every rule they meet. hrsync only takes back what it granted (unless a rule is authoritative for its groups), after the days you set once it disabled the account."
      >
        <EntitlementsEditor
          connectionId={props.connection.id}
          rules={entitlements}
          onChange={setEntitlements}
          readOnly={props.readOnly}
        />
      </StepSection>
      {editing && (
        <ExpressionEditorDialog
          title={
            editing.kind === 'rule'
              ? `Expression for ${editingRule?.rule.target || 'the attribute'}`
              : `Unique name candidate ${editing.index + 1}`
          }
          expression={editingText}
          connectionId={props.connection.id}
          readOnly={props.readOnly}
          onApply={applyExpression}
          onClose={() => setEditing(null)}
        />
      )}
    </StepFrame>
  );
}
