/**
 * Step 3's "Groups and licences": rules whose condition (the scoping-filter language) grants groups,
 * picked by name from the tenant, and subscribed licences, with service plans to leave off. A person
 * gets the union of the rules they meet.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Switch,
  Tag,
  TagGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { Static } from '@sinclair/typebox';
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { type EntitlementOptionsDto, listEntitlementOptions } from '../../api/contracts.ts';
import type { MappingStep } from '../../api/dto.ts';
import { useDebounced } from '../../api/use-debounced.ts';
import { AddFromList } from '../../ui/AddFromList.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { FilterBuilder } from '../scope/FilterBuilder.tsx';

export type EntitlementRuleDraft = NonNullable<MappingStep['entitlements']>[number];
type Options = Static<typeof EntitlementOptionsDto>;

const useStyles = makeStyles({
  rule: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
  },
  row: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap' },
  plans: {
    display: 'flex',
    gap: '4px 12px',
    flexWrap: 'wrap',
    paddingLeft: '12px',
    border: 'none',
    margin: 0,
  },
  hint: { color: tokens.colorNeutralForeground3 },
});

export const emptyRule = (n: number): EntitlementRuleDraft => ({
  name: `Rule ${n}`,
  condition: [],
  groups: [],
  licences: [],
  grantAt: 'enable',
  removeAfterDays: 0,
  authoritative: false,
});

/** What is wrong with the rules, for the step's save button; null when nothing. */
export function entitlementsProblem(rules: readonly EntitlementRuleDraft[]): string | null {
  if (rules.some((r) => !r.name.trim())) return 'Every groups-and-licences rule needs a name.';
  if (rules.some((r) => r.groups.length === 0 && r.licences.length === 0))
    return 'Every groups-and-licences rule must grant at least one group or licence.';
  if (rules.some((r) => !Number.isInteger(r.removeAfterDays) || r.removeAfterDays < 0))
    return 'Days before removal must be 0 or more.';
  return null;
}

export function EntitlementsEditor(props: {
  readonly connectionId: string;
  readonly rules: readonly EntitlementRuleDraft[];
  readonly onChange: (rules: EntitlementRuleDraft[]) => void;
  readonly readOnly: boolean;
}) {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const [options, setOptions] = useState<Options | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call(listEntitlementOptions, { params: { id: props.connectionId }, query: q ? { q } : {} }).then(
      (o) => {
        if (!live) return;
        setOptions(o);
        setProblem(null);
      },
      (e: unknown) => live && setProblem(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [props.connectionId, q]);

  const set = (i: number, rule: EntitlementRuleDraft) =>
    props.onChange(props.rules.map((r, j) => (j === i ? rule : r)));
  const skus = options?.skus ?? [];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="entitlements-editor">
      {problem && <Text role="alert">The tenant’s groups and licences could not be read: {problem}</Text>}
      {options?.message && <Text>{options.message}</Text>}
      {props.rules.length === 0 && <Text>No rules: hrsync grants no groups or licences.</Text>}
      {props.rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity but their position
        <fieldset key={i} className={styles.rule} aria-label={`Rule ${i + 1}: ${rule.name}`}>
          <div className={styles.row}>
            <Field label="Rule name">
              <Input
                value={rule.name}
                onChange={(_, d) => set(i, { ...rule, name: d.value })}
                disabled={props.readOnly}
              />
            </Field>
            {!props.readOnly && (
              <Button
                appearance="subtle"
                icon={<DeleteRegular />}
                onClick={() => props.onChange(props.rules.filter((_, j) => j !== i))}
              >
                Remove rule
              </Button>
            )}
          </div>
          <Text weight="semibold">Who</Text>
          <FilterBuilder
            filters={rule.condition}
            onChange={(condition) => set(i, { ...rule, condition })}
            readOnly={props.readOnly}
            emptyText="No conditions: everyone in scope gets this rule."
          />
          <Text weight="semibold">Groups</Text>
          <TagGroup
            aria-label={`Groups of rule ${i + 1}`}
            onDismiss={(_, d) => set(i, { ...rule, groups: rule.groups.filter((g) => g.id !== d.value) })}
          >
            {rule.groups.map((g) => (
              <Tag
                key={g.id}
                value={g.id}
                dismissible={!props.readOnly}
                dismissIcon={{ 'aria-label': `Remove group ${g.displayName ?? g.id}` }}
              >
                {g.displayName ?? g.id}
              </Tag>
            ))}
          </TagGroup>
          {!props.readOnly && (
            <div className={styles.row}>
              <Field label="Find a group by name">
                <Input
                  value={search}
                  onChange={(_, d) => setSearch(d.value)}
                  placeholder="Start of the name"
                />
              </Field>
              <AddFromList
                label="Group"
                name={`rule-${i}-group`}
                options={(options?.groups ?? [])
                  .map((g) => g.id)
                  .filter((id) => !rule.groups.some((g) => g.id === id))}
                optionLabel={(id) => {
                  const g = options?.groups.find((x) => x.id === id);
                  if (!g) return id;
                  const kind = g.kind === 'microsoft-365' ? 'Microsoft 365 group' : 'security group';
                  return `${g.displayName} (${kind}${g.licences.length > 0 ? `; licence ${g.licences.join(', ')}` : ''})`;
                }}
                onAdd={(id) => {
                  const g = options?.groups.find((x) => x.id === id);
                  set(i, {
                    ...rule,
                    groups: [...rule.groups, { id, ...(g ? { displayName: g.displayName } : {}) }],
                  });
                }}
              />
            </div>
          )}
          <Text weight="semibold">Licences</Text>
          {rule.licences.map((l) => {
            const sku = skus.find((s) => s.skuId === l.skuId.toLowerCase());
            return (
              <div key={l.skuId}>
                <div className={styles.row}>
                  <Text>
                    {sku?.name ?? l.skuPartNumber ?? l.skuId}
                    {sku && (
                      <span className={styles.hint}>
                        {' '}
                        — {sku.enabled - sku.consumed} of {sku.enabled} free
                      </span>
                    )}
                  </Text>
                  {!props.readOnly && (
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      aria-label={`Remove licence ${sku?.name ?? l.skuId}`}
                      onClick={() =>
                        set(i, { ...rule, licences: rule.licences.filter((x) => x.skuId !== l.skuId) })
                      }
                    />
                  )}
                </div>
                {sku && sku.servicePlans.length > 0 && (
                  <fieldset className={styles.plans} aria-label={`Service plans to leave off of ${sku.name}`}>
                    {sku.servicePlans.map((p) => {
                      const off = l.disabledPlans.includes(p.id);
                      return (
                        <Checkbox
                          key={p.id}
                          label={`Without ${p.label}`}
                          checked={off}
                          disabled={props.readOnly}
                          onChange={(_, d) => {
                            const disabledPlans = d.checked
                              ? [...l.disabledPlans, p.id]
                              : l.disabledPlans.filter((x) => x !== p.id);
                            const names = disabledPlans.map(
                              (id) => sku.servicePlans.find((x) => x.id === id)?.label ?? id,
                            );
                            set(i, {
                              ...rule,
                              licences: rule.licences.map((x) =>
                                x.skuId === l.skuId ? { ...x, disabledPlans, disabledPlanNames: names } : x,
                              ),
                            });
                          }}
                        />
                      );
                    })}
                  </fieldset>
                )}
              </div>
            );
          })}
          {!props.readOnly && (
            <AddFromList
              label="Licence"
              name={`rule-${i}-licence`}
              options={skus
                .map((s) => s.skuId)
                .filter((id) => !rule.licences.some((l) => l.skuId.toLowerCase() === id))}
              optionLabel={(id) => {
                const s = skus.find((x) => x.skuId === id);
                return s ? `${s.name} (${s.enabled - s.consumed} of ${s.enabled} free)` : id;
              }}
              onAdd={(id) => {
                const s = skus.find((x) => x.skuId === id);
                set(i, {
                  ...rule,
                  licences: [
                    ...rule.licences,
                    { skuId: id, ...(s ? { skuPartNumber: s.skuPartNumber } : {}), disabledPlans: [] },
                  ],
                });
              }}
            />
          )}
          <div className={styles.row}>
            {/* Short choices a phone's select shows whole (at 390 px it has 195 px, "from the create
                on (pre-hires too)" needed 235); what each means is the hint under it at every width. */}
            <Field
              label="Granted"
              hint="While enabled: from the day the account is enabled. From the create on: as soon as the account is created, also a pre-hire’s account that waits disabled for the first day."
            >
              <Select
                value={rule.grantAt}
                disabled={props.readOnly}
                onChange={(_, d) => set(i, { ...rule, grantAt: d.value as EntitlementRuleDraft['grantAt'] })}
              >
                <option value="enable">while enabled</option>
                <option value="create">from the create on</option>
              </Select>
            </Field>
            <NumberField
              label="Days after disable before removal"
              hint="0 = at once"
              min={0}
              max={3650}
              value={String(rule.removeAfterDays)}
              onChange={(v) => set(i, { ...rule, removeAfterDays: v === '' ? -1 : Number(v) })}
              name={`rule-${i}-remove-after`}
              width={100}
            />
            <Switch
              checked={rule.authoritative}
              disabled={props.readOnly}
              onChange={(_, d) => set(i, { ...rule, authoritative: d.checked })}
              label="Authoritative for its groups (also remove members hrsync did not add)"
            />
          </div>
        </fieldset>
      ))}
      {!props.readOnly && (
        <div>
          <Button
            icon={<AddRegular />}
            onClick={() => props.onChange([...props.rules, emptyRule(props.rules.length + 1)])}
          >
            Add rule
          </Button>
        </div>
      )}
    </div>
  );
}
