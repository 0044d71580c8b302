/**
 * Evaluates the expression being edited against one real employee of this connection, read from
 * AFAS by the service. The employee list is offered from the latest run (names the administrator
 * recognises); any employee number can be typed.
 */
import {
  Button,
  Combobox,
  Field,
  makeStyles,
  Option,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { listRunItems, testExpression } from '../../api/contracts.ts';
import type { ExpressionTest } from '../../api/dto.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSession } from '../../auth/session-context.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { formatValue } from '../../ui/format.ts';

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

export function ExpressionTester(props: {
  readonly connectionId: string;
  readonly latestRunId: string | null;
  readonly expression: string;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const [employee, setEmployee] = useState('');
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<ExpressionTest | undefined>(undefined);
  const people = useResource(
    () =>
      props.latestRunId
        ? call(listRunItems, { params: { id: props.latestRunId }, query: { pageSize: 200 } })
        : Promise.resolve(null),
    props.latestRunId ?? 'no-run',
  );
  const test = useAction((employeeNumber: string) =>
    call(testExpression, {
      params: { id: props.connectionId },
      body: { expression: props.expression, employeeNumber },
    }),
  );
  if (!can(testExpression)) return null;
  const employeeNumber = (employee || typed).trim();
  const run = async () => setResult(await test.run(employeeNumber));
  const options = people.data?.items ?? [];

  return (
    <section aria-label="Test the expression" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className={styles.row}>
        <Field label="Employee" hint="Pick from the latest run, or type an AFAS employee number.">
          <Combobox
            freeform
            placeholder="Employee number"
            value={typed}
            onInput={(e) => {
              setTyped((e.target as HTMLInputElement).value);
              setEmployee('');
            }}
            onOptionSelect={(_, d) => {
              setEmployee(d.optionValue ?? '');
              setTyped(d.optionText ?? '');
            }}
            aria-label="Employee to test with"
            data-testid="tester-employee"
          >
            {options.map((p) => (
              <Option
                key={p.employeeNumber}
                value={p.employeeNumber}
                text={`${p.employeeNumber} ${p.displayName}`}
              >
                {p.employeeNumber} — {p.displayName}
              </Option>
            ))}
          </Combobox>
        </Field>
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
