/** Live progress of a queued or running run, refreshed by the page's polling. */
import { Field, ProgressBar, Text } from '@fluentui/react-components';
import type { Run } from '../api/dto.ts';

export function RunProgress(props: { readonly run: Run }) {
  const { run } = props;
  const p = run.progress;
  const fraction = p?.total ? Math.min(1, p.done / p.total) : undefined;
  const label =
    run.status === 'queued'
      ? 'Waiting for a worker…'
      : p
        ? `${p.phase}${p.total ? `: ${p.done} of ${p.total}` : p.done ? `: ${p.done}` : ''}`
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
