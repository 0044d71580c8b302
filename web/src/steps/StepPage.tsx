/**
 * One configuration step opened for review or editing, under the five-step progress bar. Viewers
 * see the same page read-only. A locked step says which step comes first.
 */
import { Card, Link, makeStyles, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { getConfiguration, getConnection, saveSourceStep } from '../api/contracts.ts';
import type { StepSaved } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { hrefFor, type StepNumber } from '../app/routes.ts';
import { useSession } from '../auth/session-context.tsx';
import { StepProgress } from '../connection/StepProgress.tsx';
import { StateBadge } from '../ui/Badges.tsx';
import { ConnectionScope } from '../ui/ConnectionScope.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { STEP_TITLES } from '../ui/labels.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DestinationStepEditor } from './destination/DestinationStepEditor.tsx';
import { MappingStepEditor } from './mapping/MappingStepEditor.tsx';
import { ScopeStepEditor } from './scope/ScopeStepEditor.tsx';
import { SimulationStepPanel } from './simulation/SimulationStepPanel.tsx';
import { SourceStepEditor } from './source/SourceStepEditor.tsx';

const useStyles = makeStyles({
  card: { padding: '20px', marginTop: '16px' },
});

const INTRO: Readonly<Record<StepNumber, string>> = {
  1: 'Where hrsync reads employees: the AFAS Profit environment, its App Connector token and the GetConnectors.',
  2: 'Which Microsoft 365 tenant receives the accounts, and the verified domain for new user names.',
  3: 'How each account attribute is filled from AFAS, how existing accounts are found, and how unique names are made.',
  4: 'Who is managed, which employment counts, when accounts are created and disabled, and the safety limits.',
  5: 'See exactly what a sync would change, then activate the connection and set its schedule.',
};

/** A hybrid connection's accounts live in the customer's Active Directory, named with its UPN suffixes. */
const HYBRID_INTRO: Readonly<Partial<Record<StepNumber, string>>> = {
  2: 'Which hybrid tenant’s Active Directory receives the accounts, and the UPN suffix for new user names.',
};

export function StepPage(props: { readonly id: string; readonly step: StepNumber }) {
  const styles = useStyles();
  const { can } = useSession();
  const connection = useResource(() => call(getConnection, { params: { id: props.id } }), props.id);
  const configuration = useResource(() => call(getConfiguration, { params: { id: props.id } }), props.id);
  // Discarding changes opens the editor afresh: a new key remounts it with the saved settings.
  const [opened, setOpened] = useState(0);
  const c = connection.data;
  const config = configuration.data;
  const error = connection.error ?? configuration.error;

  if (error && (!c || !config)) {
    return (
      <ErrorMessage
        error={error}
        onRetry={() => {
          connection.reload();
          configuration.reload();
        }}
      />
    );
  }
  if (!c || !config) return <Loading label="Loading the configuration…" />;

  const status = c.steps.find((s) => s.number === props.step)?.status ?? 'locked';
  // Every step editor is read-only for a role that may not save steps (saveSourceStep stands for all four).
  const readOnly = !can(saveSourceStep);
  const onSaved = (_result: StepSaved) => {
    connection.reload();
    configuration.reload();
  };
  const editorProps = {
    connection: c,
    configuration: config,
    readOnly,
    onSaved,
    onDiscard: () => setOpened((n) => n + 1),
  };

  return (
    <ConnectionScope timeZone={c.timeZone} tenantType={c.destinationType}>
      <PageHeader
        crumbs={[
          { label: 'Connections', href: '#/connections' },
          { label: c.name, href: hrefFor({ page: 'connection', id: c.id }) },
          { label: `Step ${props.step}` },
        ]}
        title={`${props.step}. ${STEP_TITLES[props.step]}`}
        badge={<StateBadge state={c.state} />}
        subtitle={
          (c.destinationType === 'hybrid' ? HYBRID_INTRO[props.step] : undefined) ?? INTRO[props.step]
        }
      />
      <StepProgress connection={c} openStep={props.step} />
      <Card className={styles.card}>
        {status === 'locked' ? (
          <EmptyState title="This step is locked">
            Finish the earlier steps first.{' '}
            {c.steps.find((s) => s.status === 'current') && (
              <Link
                href={hrefFor({
                  page: 'step',
                  id: c.id,
                  step: c.steps.find((s) => s.status === 'current')?.number as StepNumber,
                })}
              >
                Go to the current step
              </Link>
            )}
          </EmptyState>
        ) : (
          <>
            {readOnly && (
              <Text as="p" style={{ marginTop: 0 }} data-testid="read-only-note">
                You can review this step; your role does not allow changes.
              </Text>
            )}
            {props.step === 1 && <SourceStepEditor key={opened} {...editorProps} />}
            {props.step === 2 && <DestinationStepEditor key={opened} {...editorProps} />}
            {props.step === 3 && <MappingStepEditor key={opened} {...editorProps} />}
            {props.step === 4 && <ScopeStepEditor key={opened} {...editorProps} />}
            {props.step === 5 && <SimulationStepPanel connection={c} onChanged={connection.reload} />}
          </>
        )}
      </Card>
    </ConnectionScope>
  );
}
