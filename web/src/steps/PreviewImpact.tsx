/**
 * "Preview impact" in steps 3 and 4: simulates the draft on screen (not saved) and the saved
 * configuration, and shows whose plan would differ, side by side. Nothing is saved and nothing about
 * the connection changes (no run is recorded, the activation gate is untouched). Offered to whoever
 * may save the step — the same rule the service applies.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DataBarVerticalRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { getPreview, previewMappingStep, previewScopeStep } from '../api/contracts.ts';
import type { MappingStep, Preview, ScopeStep } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useSession } from '../auth/session-context.tsx';
import { DifferenceList } from '../runs/DifferenceList.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '16px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
});

type Props =
  | {
      readonly connectionId: string;
      readonly step: 3;
      readonly draft: MappingStep;
      readonly invalid: string | null;
    }
  | {
      readonly connectionId: string;
      readonly step: 4;
      readonly draft: ScopeStep;
      readonly invalid: string | null;
    };

function sideProblem(label: string, side: Preview['saved']): string | null {
  if (side.status === 'failed')
    return `${label}: the simulation failed — ${side.error?.message ?? 'unknown error'}`;
  if (side.status === 'blocked')
    return `${label}: a simulation would be blocked — ${side.blockedReason ?? ''}`;
  return null;
}

export function PreviewImpact(props: Props) {
  const styles = useStyles();
  const { can } = useSession();
  const [result, setResult] = useState<{ preview: Preview; draft: string } | null>(null);
  const current = JSON.stringify(props.draft);
  const action = useAction(async () => {
    const preview =
      props.step === 3
        ? await call(previewMappingStep, { params: { id: props.connectionId }, body: props.draft })
        : await call(previewScopeStep, { params: { id: props.connectionId }, body: props.draft });
    setResult({ preview, draft: current });
    return preview;
  });
  if (!can(props.step === 3 ? previewMappingStep : previewScopeStep)) return null;
  const p = result?.preview;
  const problems = p
    ? [sideProblem('Saved configuration', p.saved), sideProblem('This draft', p.draft)].filter(
        (x): x is string => x !== null,
      )
    : [];

  return (
    <section className={styles.panel} aria-labelledby={`preview-heading-${props.step}`}>
      <div className={styles.row}>
        <Text id={`preview-heading-${props.step}`} weight="semibold" size={400}>
          Preview impact
        </Text>
        <Button
          icon={action.busy ? <Spinner size="tiny" /> : <DataBarVerticalRegular />}
          disabledFocusable={Boolean(props.invalid) || action.busy}
          title={props.invalid ?? undefined}
          onClick={() => void action.run()}
        >
          {action.busy ? 'Simulating both…' : result ? 'Preview again' : 'Preview impact'}
        </Button>
      </div>
      <Text size={200}>
        Simulates the settings on this page as they are now, unsaved, and the saved configuration, and lists
        the persons whose plan would differ. Nothing is saved or written; the connection stays as it is.
      </Text>
      <ErrorMessage error={action.error} />
      {p && result && (
        <div
          data-testid="preview-result"
          className={styles.row}
          style={{ alignItems: 'stretch', flexDirection: 'column' }}
        >
          {result.draft !== current && (
            <MessageBar intent="info">
              <MessageBarBody>
                The settings changed since this preview; preview again to see their impact.
              </MessageBarBody>
            </MessageBar>
          )}
          {problems.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Look at this before saving</MessageBarTitle>
                {problems.map((text) => (
                  <div key={text}>{text}</div>
                ))}
              </MessageBarBody>
            </MessageBar>
          )}
          {p.difference && (
            <DifferenceList
              key={p.id}
              testId="preview-differences"
              summary={p.difference}
              first={p.persons}
              beforeLabel="Saved configuration"
              afterLabel="This draft (unsaved)"
              load={async (query) =>
                (
                  await call(getPreview, {
                    params: { id: props.connectionId, previewId: p.id },
                    query: { ...query, pageSize: p.persons.pageSize },
                  })
                ).persons
              }
            />
          )}
        </div>
      )}
    </section>
  );
}
