/**
 * Test connection: asks the service to reach AFAS with the saved settings and shows each check
 * (reachable, token accepted, each GetConnector and its fields) with a tick or a cross.
 */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, ErrorCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { testSourceStep } from '../../api/contracts.ts';
import type { SourceTest } from '../../api/dto.ts';
import { useAction } from '../../api/use-action.ts';
import { useSession } from '../../auth/session-context.tsx';
import { checkLabel } from '../../ui/check-labels.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

const useStyles = makeStyles({
  result: { display: 'flex', flexDirection: 'column', gap: '4px', flexBasis: '100%' },
  check: { display: 'flex', gap: '6px', alignItems: 'center' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

export function SourceTestButton(props: {
  readonly connectionId: string;
  readonly saved: boolean;
  readonly dirty: boolean;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const test = useAction(() => call(testSourceStep, { params: { id: props.connectionId } }));
  const [result, setResult] = useState<SourceTest | undefined>(undefined);
  if (!can(testSourceStep)) return null;
  const unavailable = !props.saved
    ? 'Save the settings first.'
    : props.dirty
      ? 'Save your changes first.'
      : null;
  const run = async () => setResult(await test.run());

  return (
    <>
      <Button
        onClick={() => void run()}
        disabledFocusable={unavailable !== null || test.busy}
        icon={test.busy ? <Spinner size="tiny" /> : null}
        title={unavailable ?? 'Test the saved settings against AFAS'}
      >
        Test connection
      </Button>
      <div className={styles.result} aria-live="polite" data-testid="source-test-result">
        {result && (
          <>
            <Text weight="semibold" className={result.ok ? styles.ok : styles.bad}>
              {result.message}
            </Text>
            {result.checks.map((c) => (
              <span key={c.name} className={styles.check}>
                {c.ok ? (
                  <CheckmarkCircleFilled className={styles.ok} aria-label="passed" />
                ) : (
                  <ErrorCircleRegular className={styles.bad} aria-label="failed" />
                )}
                <Text>
                  <strong>{checkLabel(c.name)}</strong>: {c.message}
                </Text>
              </span>
            ))}
          </>
        )}
        <ErrorMessage error={test.error} />
      </div>
    </>
  );
}
