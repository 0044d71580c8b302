/**
 * The organisation's settings: its name and the time zone in which the console shows times where
 * no connection applies.
 */
import { Button, Combobox, Field, Input, makeStyles, Option, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { getOrganisation, updateOrganisation } from '../api/contracts.ts';
import type { OrganisationSettings } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useUnsavedChanges } from '../setup/unsaved-changes.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime, setOrganisationTimeZone } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PageNotLoaded } from '../ui/PageNotLoaded.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { MicrosoftSignInSection } from './MicrosoftSignInSection.tsx';
import { SecondFactorSetting } from './SecondFactorSetting.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px', maxWidth: '480px' },
  buttons: { display: 'flex', gap: '8px' },
  /** The page's cards, one under the other with the same space between each (the last two touched). */
  cards: { display: 'flex', flexDirection: 'column', gap: '16px' },
});

const ZONES: readonly string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Amsterdam', 'Europe/Brussels', 'UTC'];
})();

export function OrganisationPage() {
  const organisation = useResource(() => call(getOrganisation, {}), 'organisation');
  if (!organisation.data)
    return (
      <PageNotLoaded
        crumbs={[]}
        title="Organisation"
        loadingLabel="Loading the organisation…"
        error={organisation.error}
        onRetry={organisation.reload}
      />
    );
  return (
    <OrganisationForm
      key={organisation.data.timeZone + organisation.data.name + organisation.data.requireAdminSecondFactor}
      saved={organisation.data}
      onSaved={organisation.reload}
    />
  );
}

function OrganisationForm(props: { readonly saved: OrganisationSettings; readonly onSaved: () => void }) {
  const styles = useStyles();
  const [name, setName] = useState(props.saved.name);
  const [zone, setZone] = useState(props.saved.timeZone);
  const [zoneText, setZoneText] = useState(props.saved.timeZone);
  const save = useAction(() => call(updateOrganisation, { body: { name: name.trim(), timeZone: zone } }));
  const changed = name.trim() !== props.saved.name || zone !== props.saved.timeZone;
  // Until the save's answer arrives and the form opens afresh with the saved values.
  useUnsavedChanges(changed && !save.busy);
  const matches = ZONES.filter((z) => z.toLowerCase().includes(zoneText.toLowerCase())).slice(0, 50);
  return (
    <>
      <PageHeader title="Organisation" subtitle="Settings of your organisation in hrsync." />
      <div className={styles.cards}>
        <SectionCard title="General">
          <form
            className={styles.form}
            onSubmit={(e) => {
              e.preventDefault();
              void save.run().then((ok) => {
                if (!ok) return;
                setOrganisationTimeZone(zone);
                props.onSaved();
              });
            }}
          >
            <Field label="Name" required>
              <Input value={name} onChange={(_, d) => setName(d.value)} name="organisation-name" />
            </Field>
            <Field
              label="Time zone"
              hint="Times without a connection (audit log, users, API tokens) are shown in this zone. Each connection has its own zone for its schedule and runs."
            >
              <Combobox
                value={zoneText}
                selectedOptions={[zone]}
                onChange={(e) => setZoneText(e.target.value)}
                onOptionSelect={(_, d) => {
                  if (d.optionValue) {
                    setZone(d.optionValue);
                    setZoneText(d.optionValue);
                  }
                }}
                name="organisation-time-zone"
                aria-label="Time zone"
              >
                {matches.map((z) => (
                  <Option key={z} value={z}>
                    {z}
                  </Option>
                ))}
              </Combobox>
            </Field>
            <Text size={200}>Created {formatDateTime(props.saved.createdAt, '—', props.saved.timeZone)}</Text>
            <ErrorMessage error={save.error} />
            <div className={styles.buttons}>
              <BusyButton type="submit" busy={save.busy} disabled={!changed || !name.trim()}>
                Save
              </BusyButton>
              <Button
                disabled={!changed || save.busy}
                onClick={() => {
                  setName(props.saved.name);
                  setZone(props.saved.timeZone);
                  setZoneText(props.saved.timeZone);
                }}
              >
                Discard changes
              </Button>
            </div>
          </form>
        </SectionCard>
        <SecondFactorSetting required={props.saved.requireAdminSecondFactor} onSaved={props.onSaved} />
        <MicrosoftSignInSection />
      </div>
    </>
  );
}
