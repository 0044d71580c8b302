/**
 * Organisation → Sign in with Microsoft: link the MSP's Entra tenant and app registration, map
 * Entra groups or app roles to hrsync roles, test the settings as typed, turn it on or off.
 * The client secret is write-only; a stored one is only ever sent to the tenant and authority it was
 * saved with, so changing either asks for it again (the service refuses otherwise, issue 10).
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Select,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { call } from '../api/client.ts';
import {
  getMicrosoftSignIn,
  type MicrosoftSignInDto,
  type MicrosoftSignInTestDto,
  ROLES,
  type Role,
  setMicrosoftSignIn,
  testMicrosoftSignIn,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { useFormChanges } from '../setup/unsaved-changes.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { breakableUrl } from '../ui/breakable.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { ROLE_LABELS } from './UsersPage.tsx';

type Saved = Static<typeof MicrosoftSignInDto>;
type TestResult = Static<typeof MicrosoftSignInTestDto>;
type Claim = 'groups' | 'roles';
interface Mapping {
  readonly key: number;
  readonly claim: Claim;
  readonly value: string;
  readonly role: Role;
}

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CLAIM_LABELS: Readonly<Record<Claim, string>> = {
  groups: 'Entra group (object id)',
  roles: 'App role (value)',
};

const useStyles = makeStyles({
  // 800 px: a role mapping's row has a kind, a 36-character object id and a role side by side.
  form: { display: 'flex', flexDirection: 'column', gap: '14px', maxWidth: '800px' },
  pair: {
    display: 'grid',
    gap: '14px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(260px, 100%), 1fr))',
  },
  mappings: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  mapping: {
    display: 'grid',
    gap: '8px',
    alignItems: 'end',
    // The kind's column is wide enough for "Entra group (object id)" whole in the 800 px form; the id takes
    // the rest, as a group's object id is 36 characters (in 1.6fr of 720 px it was cut to "2b8e4d1a-…-5e1f0c").
    gridTemplateColumns: 'minmax(150px, 1.3fr) minmax(180px, 2.2fr) minmax(130px, 1fr) auto',
    paddingBottom: '8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 700px)': { gridTemplateColumns: '1fr' },
  },
  // Broken after a "/" (breakableUrl); inside a piece only where it is wider than the line.
  copy: { overflowWrap: 'break-word', fontFamily: tokens.fontFamilyMonospace },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  results: { margin: '4px 0 0', paddingLeft: '20px' },
});

export function MicrosoftSignInSection() {
  const { can } = useSession();
  return can(setMicrosoftSignIn) ? <MicrosoftSignInLoader /> : null;
}

function MicrosoftSignInLoader() {
  const settings = useResource(() => call(getMicrosoftSignIn, {}), 'microsoft-sign-in');
  return (
    <SectionCard
      title="Sign in with Microsoft"
      description="Colleagues sign in with their Microsoft work account; Entra groups or app roles decide their role. Local accounts keep working (break-glass)."
    >
      {settings.data ? (
        <MicrosoftSignInForm
          key={JSON.stringify(settings.data)}
          saved={settings.data}
          onSaved={settings.reload}
        />
      ) : settings.error ? (
        <ErrorMessage error={settings.error} onRetry={settings.reload} />
      ) : (
        <Loading label="Loading the Microsoft sign-in settings…" />
      )}
    </SectionCard>
  );
}

let nextKey = 1;
const withKeys = (saved: Saved): Mapping[] =>
  saved.mappings.map((m) => ({ key: nextKey++, claim: m.claim, value: m.value, role: m.role }));

function MicrosoftSignInForm(props: { readonly saved: Saved; readonly onSaved: () => void }) {
  const styles = useStyles();
  const { saved } = props;
  const [enabled, setEnabled] = useState(saved.enabled);
  const [tenantId, setTenantId] = useState(saved.tenantId);
  const [clientId, setClientId] = useState(saved.clientId);
  const [secret, setSecret] = useState('');
  const [authorityHost, setAuthorityHost] = useState(saved.authorityHost || DEFAULT_AUTHORITY);
  const [mappings, setMappings] = useState<Mapping[]>(() => withKeys(saved));
  const [result, setResult] = useState<TestResult | undefined>(undefined);
  // Leaving with unsaved changes asks first (setup/unsaved-changes.tsx); the form reopens after a save.
  useFormChanges({
    enabled,
    tenantId,
    clientId,
    secret,
    authorityHost,
    mappings: mappings.map(({ key: _, ...m }) => m),
  });

  const authority = authorityHost.trim().replace(/\/+$/, '');
  const endpointChanged =
    saved.configured &&
    (authority !== saved.authorityHost.replace(/\/+$/, '') ||
      tenantId.trim().toLowerCase() !== saved.tenantId.toLowerCase());
  const secretNeeded = !saved.clientSecret.set || endpointChanged;
  const secretMissing = secretNeeded && secret === '';
  const tenantValid = GUID.test(tenantId.trim());
  const clientValid = GUID.test(clientId.trim());
  const cleanMappings = mappings
    .filter((m) => m.value.trim() !== '')
    .map((m) => ({ claim: m.claim, value: m.value.trim(), role: m.role }));
  const noMapping = enabled && cleanMappings.length === 0;
  const changed =
    enabled !== saved.enabled ||
    tenantId.trim().toLowerCase() !== saved.tenantId.toLowerCase() ||
    clientId.trim().toLowerCase() !== saved.clientId.toLowerCase() ||
    secret !== '' ||
    authority !== saved.authorityHost.replace(/\/+$/, '') ||
    JSON.stringify(cleanMappings) !== JSON.stringify(saved.mappings);

  const values = () => ({
    tenantId: tenantId.trim(),
    clientId: clientId.trim(),
    authorityHost: authority,
    ...(secret === '' ? {} : { clientSecret: secret }),
  });
  const save = useAction(() =>
    call(setMicrosoftSignIn, { body: { enabled, mappings: cleanMappings, ...values() } }),
  );
  const test = useAction(async () => setResult(await call(testMicrosoftSignIn, { body: values() })));
  const update = (key: number, patch: Partial<Mapping>) =>
    setMappings((list) => list.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  return (
    <form
      className={styles.form}
      aria-label="Sign in with Microsoft settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run().then((ok) => ok && props.onSaved());
      }}
    >
      {saved.configured ? (
        <Text>
          {saved.enabled
            ? 'Sign in with Microsoft is on.'
            : 'Sign in with Microsoft is set up but turned off: only local accounts sign in.'}
        </Text>
      ) : (
        <Text>
          Not set up yet. In the Entra admin center, register an app (Web platform) in your own tenant with
          the redirect URI below, create a client secret, and enter its ids here.
        </Text>
      )}
      <Field label="Redirect URI to register in the app registration (Web)">
        <Text className={styles.copy} data-testid="microsoft-redirect-uri">
          {breakableUrl(saved.redirectUri)}
        </Text>
      </Field>
      <div className={styles.pair}>
        <Field
          label="Directory (tenant) ID"
          required
          validationMessage={
            tenantId.trim() && !tenantValid ? 'A GUID, as the Entra admin center shows it.' : null
          }
        >
          <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} name="microsoft-tenant-id" />
        </Field>
        <Field
          label="Application (client) ID"
          required
          validationMessage={
            clientId.trim() && !clientValid ? 'A GUID, as the Entra admin center shows it.' : null
          }
        >
          <Input value={clientId} onChange={(_, d) => setClientId(d.value)} name="microsoft-client-id" />
        </Field>
      </div>
      <Field
        label="Client secret"
        required={secretNeeded}
        hint={
          secretNeeded
            ? endpointChanged
              ? 'The tenant or sign-in endpoint changed: enter the client secret again. A stored secret is only ever sent to where it was saved.'
              : 'The secret’s value (not its id). It is stored encrypted and never shown again.'
            : 'A secret is stored and never shown. Leave empty to keep it; type a new one to replace it.'
        }
      >
        <Input
          type="password"
          value={secret}
          onChange={(_, d) => setSecret(d.value)}
          name="microsoft-client-secret"
          autoComplete="new-password"
          placeholder={saved.clientSecret.set && !endpointChanged ? 'Stored' : ''}
        />
      </Field>
      <Field
        label="Sign-in endpoint (authority host)"
        hint="https://login.microsoftonline.com for the public cloud; a national cloud’s host otherwise."
      >
        <Input
          value={authorityHost}
          onChange={(_, d) => setAuthorityHost(d.value)}
          name="microsoft-authority-host"
        />
      </Field>
      <Field
        label="Who may sign in, with which role"
        hint="A person gets the highest role of all their mapped groups and app roles; a person in none is refused. Entra decides again at every sign-in. For groups, let the app registration put group ids in the ID token (Token configuration → groups claim)."
        validationMessage={noMapping ? 'Map at least one group or app role before turning it on.' : null}
      >
        <ul className={styles.mappings} aria-label="Role mappings" data-testid="role-mappings">
          {mappings.map((m, index) => (
            <li key={m.key} className={styles.mapping} data-mapping={index + 1}>
              <Select
                aria-label={`Mapping ${index + 1}: kind`}
                value={m.claim}
                onChange={(_, d) => update(m.key, { claim: d.value as Claim })}
              >
                {(['groups', 'roles'] as const).map((c) => (
                  <option key={c} value={c}>
                    {CLAIM_LABELS[c]}
                  </option>
                ))}
              </Select>
              <Input
                aria-label={`Mapping ${index + 1}: ${m.claim === 'groups' ? 'group object id' : 'app role value'}`}
                value={m.value}
                onChange={(_, d) => update(m.key, { value: d.value })}
                placeholder={m.claim === 'groups' ? '00000000-0000-0000-0000-000000000000' : 'hrsync.Admin'}
              />
              <Select
                aria-label={`Mapping ${index + 1}: hrsync role`}
                value={m.role}
                onChange={(_, d) => update(m.key, { role: d.value as Role })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
              <Button
                icon={<DeleteRegular />}
                aria-label={`Remove mapping ${index + 1}`}
                onClick={() => setMappings((list) => list.filter((x) => x.key !== m.key))}
              />
            </li>
          ))}
        </ul>
      </Field>
      <div className={styles.buttons}>
        <Button
          icon={<AddRegular />}
          onClick={() =>
            setMappings((list) => [...list, { key: nextKey++, claim: 'groups', value: '', role: 'viewer' }])
          }
        >
          Add a mapping
        </Button>
      </div>
      <Switch
        checked={enabled}
        onChange={(_, d) => setEnabled(d.checked)}
        label={enabled ? 'Sign in with Microsoft is on' : 'Sign in with Microsoft is off'}
        name="microsoft-enabled"
      />
      {saved.configured && (
        <Field
          label="Sign-in link for this organisation"
          hint="On a server that hosts several organisations, share this link: the sign-in page’s button only works when exactly one organisation has Microsoft sign-in on."
        >
          <Text className={styles.copy}>{saved.signInLink}</Text>
        </Field>
      )}
      <TestOutcome result={test.busy ? undefined : result} />
      <ErrorMessage error={test.error} />
      <ErrorMessage error={save.error} />
      <div className={styles.buttons}>
        <BusyButton
          type="submit"
          busy={save.busy}
          disabled={!changed || !tenantValid || !clientValid || secretMissing || noMapping}
        >
          Save sign-in settings
        </BusyButton>
        <Button
          disabled={!tenantValid || !clientValid || test.busy}
          onClick={() => {
            setResult(undefined);
            void test.run();
          }}
        >
          {test.busy ? 'Testing…' : 'Test the settings'}
        </Button>
        <Button
          disabled={!changed || save.busy}
          onClick={() => {
            setEnabled(saved.enabled);
            setTenantId(saved.tenantId);
            setClientId(saved.clientId);
            setSecret('');
            setAuthorityHost(saved.authorityHost || DEFAULT_AUTHORITY);
            setMappings(withKeys(saved));
          }}
        >
          Discard changes
        </Button>
      </div>
    </form>
  );
}

function TestOutcome(props: { readonly result: TestResult | undefined }) {
  const styles = useStyles();
  const { result } = props;
  if (!result) return null;
  return (
    <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{result.ok ? 'The settings work' : 'The settings do not work yet'}</MessageBarTitle>
        {result.message}
        <ul className={styles.results} aria-label="Test results">
          {result.checks.map((c) => (
            <li key={c.name}>
              {c.name}: {c.ok ? 'passed' : 'failed'} — {c.message}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
