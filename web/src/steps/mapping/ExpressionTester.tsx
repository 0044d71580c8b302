/**
 * Evaluates the expression being edited against one real employee of this connection, read from
 * AFAS by the service; the employee is found by searching the connection's AFAS persons.
 */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { testExpression } from '../../api/contracts.ts';
import type { ExpressionTest } from '../../api/dto.ts';
import { useAction } from '../../api/use-action.ts';
import { useSession } from '../../auth/session-context.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { formatValue } from '../../ui/format.ts';
import { PersonPicker } from './PersonPicker.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'flex-end', flexWrap: 'wrap' },
  result: {
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  value: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

export function ExpressionTester(props: { readonly connectionId: string; readonly expression: string }) {
  const styles = useStyles();
  const { can } = useSession();
  const [employeeNumber, setEmployeeNumber] = useState('');
  const [result, setResult] = useState<ExpressionTest | undefined>(undefined);
  const test = useAction((employeeNumber: string) =>
    call(testExpression, {
      params: { id: props.connectionId },
      body: { expression: props.expression, employeeNumber },
    }),
  );
  if (!can(testExpression)) return null;
  const run = async () => setResult(await test.run(employeeNumber));

  return (
    <section aria-label="Test the expression" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className={styles.row}>
        <PersonPicker connectionId={props.connectionId} onChange={setEmployeeNumber} />
        <Button
          onClick={() => void run()}
          disabled={!employeeNumber || !props.expression.trim() || test.busy}
          icon={test.busy ? <Spinner size="tiny" /> : null}
        >
          Test
        </Button>
      </div>
      <ErrorMessage error={test.error} />
      {result && (
        <div className={styles.result} aria-live="polite" data-testid="tester-result">
          <Text size={200}>
            {result.person.displayName} ({result.person.employeeNumber})
          </Text>
          {result.ok ? (
            <Text className={styles.value} weight="semibold">
              {formatValue(result.value)}
            </Text>
          ) : (
            <Text className={styles.bad}>
              {result.error?.message ?? 'The expression failed for this employee.'}
            </Text>
          )}
        </div>
      )}
    </section>
  );
}
