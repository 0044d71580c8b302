/**
 * Test connection: asks the service to reach AFAS with the settings as the form holds them, saved or
 * not (an empty token field means the stored token, which the service sends only to the environment
 * it was saved for), and shows each check (reachable, token accepted, each GetConnector and its
 * fields) with a tick or a cross. Nothing is saved by a test.
 */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, ErrorCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { testUnsavedSource } from '../../api/contracts.ts';
import type { SourceStep, SourceTest } from '../../api/dto.ts';
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
  /** The settings to test: step 1's body as Save would send it. */
  readonly body: () => SourceStep;
  /** Why the settings cannot be tested yet (a required field is empty), or null. */
  readonly unavailable: string | null;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const test = useAction(() =>
    call(testUnsavedSource, { params: { id: props.connectionId }, body: props.body() }),
  );
  const [result, setResult] = useState<SourceTest | undefined>(undefined);
  if (!can(testUnsavedSource)) return null;
  const { unavailable } = props;
  const run = async () => setResult(await test.run());

  return (
    <>
      <Button
        onClick={() => void run()}
        disabledFocusable={unavailable !== null || test.busy}
        icon={test.busy ? <Spinner size="tiny" /> : null}
        title={unavailable ?? 'Test these settings against AFAS; nothing is saved'}
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
