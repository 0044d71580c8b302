/**
 * Step 1: the AFAS Profit environment (by number, or by URL for a self-hosted or test endpoint),
 * the App Connector token (write-only: the service keeps it encrypted and only says whether one is
 * set), the three GetConnectors and the paging settings; plus Test connection on the settings as
 * typed, before they are saved.
 */
import { Field, Input, makeStyles, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { saveSourceStep } from '../../api/contracts.ts';
import type { SourceStep } from '../../api/dto.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import type { StepEditorProps } from '../editor-props.ts';
import { StepFrame } from '../StepFrame.tsx';
import { SourceTestButton } from './SourceTestButton.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '16px', flexWrap: 'wrap', alignItems: 'flex-start' },
  grow: { flex: '1 1 260px' },
  section: { display: 'flex', flexDirection: 'column', gap: '12px' },
  // The two choices sit side by side, and one under the other where the width runs out.
  choices: { flexWrap: 'wrap' },
});

type Kind = 'production' | 'test' | 'accept';
const DEFAULT_CONNECTORS = {
  users: 'T4E_HelloID_Users_v2',
  employments: 'T4E_HelloID_Employments_v2',
  organizationalUnits: 'T4E_HelloID_OrganizationalUnits_v2',
};

export function SourceStepEditor(props: StepEditorProps) {
  const styles = useStyles();
  const { settings } = props.configuration.source;
  const env = settings?.environment;
  const [mode, setMode] = useState<'number' | 'url'>(env && 'baseUrl' in env ? 'url' : 'number');
  const [number, setNumber] = useState(env && 'number' in env ? env.number : '');
  const [kind, setKind] = useState<Kind>(env && 'kind' in env ? env.kind : 'production');
  const [baseUrl, setBaseUrl] = useState(env && 'baseUrl' in env ? env.baseUrl : '');
  const [token, setToken] = useState('');
  const [connectors, setConnectors] = useState(settings?.connectors ?? DEFAULT_CONNECTORS);
  const [pageSize, setPageSize] = useState(String(settings?.pageSize ?? 1000));
  const [parallel, setParallel] = useState(String(settings?.parallel ?? 8));
  const tokenSet = settings?.token.set === true;

  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
    };

  // Said at the field once something is typed (beside Save alone, a mistyped address was easy to miss).
  const numberProblem = number && !/^[0-9]{5,6}$/.test(number) ? '5 or 6 digits, such as 12345.' : null;
  const urlProblem =
    baseUrl && !/^https?:\/\//.test(baseUrl)
      ? 'Start the address with https:// (http:// only for a test server), such as https://12345.rest.afas.online/ProfitRestServices.'
      : null;
  const invalid =
    mode === 'number' && !/^[0-9]{5,6}$/.test(number)
      ? 'Enter the AFAS environment number (5 or 6 digits).'
      : mode === 'url' && !/^https?:\/\//.test(baseUrl)
        ? 'Enter the ProfitRestServices URL, starting with https://.'
        : !tokenSet && !token
          ? 'Enter the App Connector token.'
          : !connectors.users || !connectors.employments || !connectors.organizationalUnits
            ? 'Name all three GetConnectors.'
            : null;

  // The service sends the stored token only to the environment it was saved for (README, Security).
  const environmentChanged =
    env !== undefined &&
    (mode === 'number'
      ? !('number' in env) || env.number !== number || ('kind' in env ? env.kind : 'production') !== kind
      : !('baseUrl' in env) || env.baseUrl.replace(/\/+$/, '') !== baseUrl.trim().replace(/\/+$/, ''));

  const body = (): SourceStep => ({
    environment: mode === 'number' ? { number, kind } : { baseUrl: baseUrl.trim() },
    ...(token ? { token } : {}),
    connectors,
    pageSize: Number(pageSize),
    parallel: Number(parallel),
  });

  return (
    <StepFrame
      connection={props.connection}
      step={1}
      readOnly={props.readOnly}
      onDiscard={props.onDiscard}
      invalid={invalid}
      draft={body()}
      save={() => call(saveSourceStep, { params: { id: props.connection.id }, body: body() })}
      onSaved={(r) => {
        setToken('');
        props.onSaved(r);
      }}
      extraActions={
        <SourceTestButton
          connectionId={props.connection.id}
          body={body}
          unavailable={
            invalid ??
            (tokenSet && !token && environmentChanged
              ? 'Enter the App Connector token again: a stored token is only sent to the environment it was saved for.'
              : null)
          }
        />
      }
    >
      <section className={styles.section} aria-label="AFAS environment">
        <Field label="AFAS environment">
          <RadioGroup
            value={mode}
            onChange={(_, d) => change(setMode)(d.value as 'number' | 'url')}
            layout="horizontal"
            className={styles.choices}
          >
            <Radio value="number" label="AFAS Online environment number" />
            <Radio value="url" label="ProfitRestServices URL" />
          </RadioGroup>
        </Field>
        {mode === 'number' ? (
          <div className={styles.row}>
            <Field
              label="Environment number"
              required
              hint="For example 12345"
              validationState={numberProblem ? 'error' : 'none'}
              validationMessage={numberProblem}
            >
              <Input
                value={number}
                onChange={(_, d) => change(setNumber)(d.value)}
                name="environment-number"
              />
            </Field>
            <Field label="Environment type">
              <Select
                value={kind}
                onChange={(_, d) => change(setKind)(d.value as Kind)}
                name="environment-kind"
              >
                <option value="production">Production</option>
                <option value="test">Test</option>
                <option value="accept">Acceptance</option>
              </Select>
            </Field>
          </div>
        ) : (
          <Field
            label="ProfitRestServices URL"
            required
            style={{ maxWidth: 640 }}
            validationState={urlProblem ? 'error' : 'none'}
            validationMessage={urlProblem}
          >
            <Input
              value={baseUrl}
              onChange={(_, d) => change(setBaseUrl)(d.value)}
              name="base-url"
              placeholder="https://12345.rest.afas.online/ProfitRestServices"
            />
          </Field>
        )}
        <Field
          label="App Connector token"
          required={!tokenSet}
          hint={
            tokenSet
              ? 'A token is stored (encrypted). Leave empty to keep it, or enter a new one to replace it.'
              : 'The token of the App Connector that holds the GetConnectors. It is stored encrypted and never shown again.'
          }
        >
          <Input
            type="password"
            value={token}
            onChange={(_, d) => change(setToken)(d.value)}
            name="token"
            autoComplete="off"
            placeholder={tokenSet ? '•••••••• (stored)' : ''}
          />
        </Field>
      </section>
      <section className={styles.section} aria-label="GetConnectors">
        <div className={styles.row}>
          {(
            [
              ['users', 'Employees GetConnector'],
              ['employments', 'Employments GetConnector'],
              ['organizationalUnits', 'Organisational units GetConnector'],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label} required className={styles.grow}>
              <Input
                value={connectors[key]}
                onChange={(_, d) => change(setConnectors)({ ...connectors, [key]: d.value })}
                name={`connector-${key}`}
              />
            </Field>
          ))}
        </div>
        <div className={styles.row}>
          <NumberField
            label="Rows per page"
            hint="1 to 10 000"
            min={1}
            max={10000}
            value={pageSize}
            onChange={change(setPageSize)}
            name="page-size"
          />
          <NumberField
            label="Parallel calls"
            hint="AFAS allows at most 8"
            min={1}
            max={8}
            value={parallel}
            onChange={change(setParallel)}
            name="parallel"
          />
        </div>
      </section>
    </StepFrame>
  );
}
