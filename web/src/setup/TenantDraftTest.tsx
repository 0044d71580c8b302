/**
 * "Test credentials" (cloud) or "Test connection" (hybrid: the directory) inside the tenant dialog,
 * on the settings as typed, before they are saved. A secret field left empty means the stored
 * secret, which the service sends only to the endpoints it was saved for: after changing a host or
 * the domain controllers, the secret must be typed again to test. Nothing is stored by a test.
 */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import type { BodyOf } from '../api/contracts.ts';
import { type TenantType, testNewTenantCredentials, testUnsavedTenantCredentials } from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useSession } from '../auth/session-context.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

type Draft = BodyOf<typeof testNewTenantCredentials>;
type Result = Awaited<ReturnType<typeof run>>;

const run = (tenantId: string | undefined, body: Draft) =>
  tenantId === undefined
    ? call(testNewTenantCredentials, { body })
    : call(testUnsavedTenantCredentials, { params: { id: tenantId }, body });

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', alignItems: 'flex-start' },
  checks: {
    margin: 0,
    paddingLeft: '4px',
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteMarigoldForeground1 },
});

export function TenantDraftTest(props: {
  /** The tenant being changed; absent while registering a new one. */
  readonly tenantId?: string;
  readonly type: TenantType;
  readonly body: () => Draft;
  /** Why the settings cannot be tested yet, or null. */
  readonly unavailable: string | null;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const [result, setResult] = useState<Result | undefined>(undefined);
  const test = useAction(() => run(props.tenantId, props.body()));
  if (!can(testNewTenantCredentials)) return null;
  const label = props.type === 'hybrid' ? 'Test connection' : 'Test credentials';
  return (
    <div className={styles.root} data-testid="tenant-draft-test">
      <Button
        onClick={() => {
          setResult(undefined);
          void test.run().then((r) => r && setResult(r));
        }}
        disabledFocusable={props.unavailable !== null || test.busy}
        icon={test.busy ? <Spinner size="tiny" /> : null}
        title={props.unavailable ?? 'Test the settings as typed; nothing is saved'}
      >
        {label}
      </Button>
      {props.unavailable && <Text size={200}>{props.unavailable}</Text>}
      <div aria-live="polite" data-testid="tenant-draft-test-result">
        {result && (
          <>
            <Text weight="semibold" className={result.ok ? styles.ok : styles.failed} data-ok={result.ok}>
              {result.message}
            </Text>
            {result.checks && (
              <ul className={styles.checks} aria-label="Checks">
                {result.checks.map((c) => {
                  const state = c.ok ? 'ok' : c.required ? 'failed' : 'warning';
                  return (
                    <li key={c.name} data-check={c.name} data-state={state}>
                      <span aria-hidden className={styles[state]}>
                        {c.ok ? '✓ ' : c.required ? '✗ ' : '! '}
                      </span>
                      <Text size={200}>
                        <span className="visually-hidden">
                          {c.ok ? 'Passed: ' : c.required ? 'Failed: ' : 'Warning: '}
                        </span>
                        {c.message}
                      </Text>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
        <ErrorMessage error={test.error} />
      </div>
    </div>
  );
}
