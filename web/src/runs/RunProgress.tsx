/** Live progress of a queued or running run, refreshed by the page's polling. */
import { Field, ProgressBar, Text } from '@fluentui/react-components';
import { useContext } from 'react';
import { runPhaseWords } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { TenantTypeContext } from '../ui/AttributeName.tsx';

export function RunProgress(props: { readonly run: Run }) {
  const { run } = props;
  const type = useContext(TenantTypeContext);
  const p = run.progress;
  const fraction = p?.total ? Math.min(1, p.done / p.total) : undefined;
  const label =
    run.status === 'queued'
      ? 'Waiting for a worker…'
      : p
        ? `${runPhaseWords(p.phase, type)}${p.total ? `: ${p.done} of ${p.total}` : p.done ? `: ${p.done}` : ''}`
        : 'Starting…';
  return (
    <Field
      label={run.cancelRequested ? 'Stopping…' : run.status === 'queued' ? 'Queued' : 'Running'}
      validationState="none"
      validationMessage={label}
      data-testid="run-progress"
    >
      {/* Without a total the bar is indeterminate: it moves, so the page visibly lives. */}
      <ProgressBar {...(fraction === undefined ? {} : { value: fraction })} thickness="large" />
      <Text className="visually-hidden" aria-live="polite">
        {label}
      </Text>
    </Field>
  );
}
