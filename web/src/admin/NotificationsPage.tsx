/**
 * Notifications: who hears about a blocked, failed or partly failed sync and about quarantined
 * persons — e-mail recipients, webhooks (signed JSON, Microsoft Teams or Slack) and the mail server —
 * for the organisation, and per connection an override. Secrets (webhook URLs, signing keys, the mail
 * server's password) are write-only: the page shows only whether one is saved. Operators see the
 * settings; only administrators change them or send a test.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Option,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { call } from '../api/client.ts';
import {
  type ConnectionNotificationsDto,
  getConnectionNotifications,
  getNotifications,
  listConnections,
  NOTIFICATION_EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type OrganisationNotificationsDto,
  sendTestNotification,
  setConnectionNotifications,
  setNotifications,
  type TestNotificationResult,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { useFormChanges } from '../setup/unsaved-changes.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PageNotLoaded } from '../ui/PageNotLoaded.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

type OrgSettings = Static<typeof OrganisationNotificationsDto>;
type ConnectionSettings = Static<typeof ConnectionNotificationsDto>;
type EventKind = (typeof NOTIFICATION_EVENTS)[number];
type Format = 'json' | 'teams' | 'slack';
type Security = 'starttls' | 'tls' | 'none';
type Results = Static<typeof TestNotificationResult>['results'];

const FORMAT_LABELS: Readonly<Record<Format, string>> = {
  json: 'hrsync JSON, signed (HMAC-SHA256)',
  teams: 'Microsoft Teams (Workflows webhook)',
  slack: 'Slack (incoming webhook)',
};
const SECURITY_LABELS: Readonly<Record<Security, string>> = {
  starttls: 'STARTTLS (port 587)',
  tls: 'TLS (port 465)',
  none: 'None (trusted relay only)',
};

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px' },
  form: { display: 'flex', flexDirection: 'column', gap: '14px', maxWidth: '720px' },
  row: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end' },
  grow: { flex: '1 1 220px', minWidth: 0 },
  hook: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  results: { margin: 0, paddingLeft: '20px' },
});

interface HookDraft {
  readonly key: string;
  readonly id: string | undefined;
  readonly name: string;
  readonly url: string;
  readonly urlSaved: boolean;
  readonly target: string;
  readonly format: Format;
  readonly signingKey: string;
  readonly keySaved: boolean;
}

interface RulesDraft {
  readonly events: readonly EventKind[];
  readonly emails: string;
  readonly hooks: readonly HookDraft[];
}

let keys = 0;
const draftOf = (r: OrgSettings | ConnectionSettings): RulesDraft => ({
  events: r.events,
  emails: r.emails.join('\n'),
  hooks: r.webhooks.map((w) => ({
    key: `h${keys++}`,
    id: w.id,
    name: w.name,
    url: '',
    urlSaved: w.url.set,
    target: w.target,
    format: w.format,
    signingKey: '',
    keySaved: w.signingKey.set,
  })),
});

const rulesBody = (d: RulesDraft) => ({
  events: [...d.events],
  emails: d.emails
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== ''),
  webhooks: d.hooks.map((h) => ({
    ...(h.id ? { id: h.id } : {}),
    name: h.name.trim(),
    format: h.format,
    ...(h.url.trim() ? { url: h.url.trim() } : {}),
    ...(h.signingKey ? { signingKey: h.signingKey } : {}),
  })),
});

export function NotificationsPage() {
  const styles = useStyles();
  const settings = useResource(() => call(getNotifications, {}), 'notifications');
  if (!settings.data)
    return (
      <PageNotLoaded
        crumbs={[]}
        title="Notifications"
        loadingLabel="Loading the notification settings…"
        error={settings.error}
        onRetry={settings.reload}
      />
    );
  return (
    <div className={styles.page}>
      <PageHeader
        title="Notifications"
        subtitle="Hear about trouble without looking: e-mail and webhooks when a sync is blocked, fails or completes with failures, or a person is quarantined."
      />
      <OrganisationForm key={JSON.stringify(settings.data)} saved={settings.data} onSaved={settings.reload} />
      <ConnectionOverride overrides={settings.data.overrides} onSaved={settings.reload} />
    </div>
  );
}

function RulesEditor(props: {
  readonly draft: RulesDraft;
  readonly onChange: (d: RulesDraft) => void;
  readonly readOnly: boolean;
  readonly idPrefix: string;
}) {
  const styles = useStyles();
  const { draft, onChange, readOnly } = props;
  const setHook = (key: string, patch: Partial<HookDraft>) =>
    onChange({ ...draft, hooks: draft.hooks.map((h) => (h.key === key ? { ...h, ...patch } : h)) });
  return (
    <>
      <Field label="Send a notification when">
        {NOTIFICATION_EVENTS.map((e) => (
          <Checkbox
            key={e}
            label={NOTIFICATION_EVENT_LABELS[e]}
            checked={draft.events.includes(e)}
            disabled={readOnly}
            onChange={(_, d) =>
              onChange({
                ...draft,
                events: d.checked ? [...draft.events, e] : draft.events.filter((x) => x !== e),
              })
            }
          />
        ))}
      </Field>
      <Field label="E-mail recipients" hint="One address per line (at most 20).">
        <Textarea
          value={draft.emails}
          readOnly={readOnly}
          onChange={(_, d) => onChange({ ...draft, emails: d.value })}
          name={`${props.idPrefix}-emails`}
          resize="vertical"
        />
      </Field>
      <Field label="Webhooks">
        <div className={styles.page}>
          {draft.hooks.length === 0 && <Text>No webhooks.</Text>}
          {draft.hooks.map((h, i) => (
            <fieldset key={h.key} className={styles.hook} aria-label={`Webhook ${i + 1}`}>
              <div className={styles.row}>
                <Field label="Name" className={styles.grow} required>
                  <Input
                    value={h.name}
                    readOnly={readOnly}
                    onChange={(_, d) => setHook(h.key, { name: d.value })}
                    name={`${props.idPrefix}-webhook-${i}-name`}
                  />
                </Field>
                <Field label="Format" className={styles.grow}>
                  <Dropdown
                    value={FORMAT_LABELS[h.format]}
                    selectedOptions={[h.format]}
                    disabled={readOnly}
                    onOptionSelect={(_, d) =>
                      d.optionValue && setHook(h.key, { format: d.optionValue as Format })
                    }
                    aria-label={`Webhook ${i + 1} format`}
                  >
                    {(Object.keys(FORMAT_LABELS) as Format[]).map((f) => (
                      <Option key={f} value={f}>
                        {FORMAT_LABELS[f]}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              </div>
              <Field
                label="URL"
                hint={
                  h.urlSaved
                    ? `Saved (${h.target}/…); the URL is not shown. Enter a new one to replace it.`
                    : 'https only. Saved write-only: chat webhooks carry their key in the URL.'
                }
                required={!h.urlSaved}
              >
                <Input
                  type="password"
                  value={h.url}
                  readOnly={readOnly}
                  placeholder={h.urlSaved ? 'saved — leave empty to keep' : 'https://…'}
                  onChange={(_, d) => setHook(h.key, { url: d.value })}
                  name={`${props.idPrefix}-webhook-${i}-url`}
                  autoComplete="off"
                />
              </Field>
              <Field
                label="Signing key"
                hint={
                  h.keySaved
                    ? 'Saved; not shown. Enter a new one to replace it.'
                    : h.format === 'json'
                      ? 'Required for JSON: 16 or more characters. The receiver checks X-Hrsync-Signature.'
                      : 'Optional for chat webhooks.'
                }
              >
                <Input
                  type="password"
                  value={h.signingKey}
                  readOnly={readOnly}
                  placeholder={h.keySaved ? 'saved — leave empty to keep' : ''}
                  onChange={(_, d) => setHook(h.key, { signingKey: d.value })}
                  name={`${props.idPrefix}-webhook-${i}-key`}
                  autoComplete="new-password"
                />
              </Field>
              {!readOnly && (
                <div>
                  <Button
                    icon={<DeleteRegular />}
                    onClick={() => onChange({ ...draft, hooks: draft.hooks.filter((x) => x.key !== h.key) })}
                  >
                    Remove webhook {h.name || i + 1}
                  </Button>
                </div>
              )}
            </fieldset>
          ))}
          {!readOnly && (
            <div>
              <Button
                icon={<AddRegular />}
                onClick={() =>
                  onChange({
                    ...draft,
                    hooks: [
                      ...draft.hooks,
                      {
                        key: `h${keys++}`,
                        id: undefined,
                        name: '',
                        url: '',
                        urlSaved: false,
                        target: '',
                        format: 'teams',
                        signingKey: '',
                        keySaved: false,
                      },
                    ],
                  })
                }
              >
                Add a webhook
              </Button>
            </div>
          )}
        </div>
      </Field>
    </>
  );
}

function TestResults(props: { readonly results: Results | undefined }) {
  const styles = useStyles();
  if (!props.results) return null;
  if (props.results.length === 0) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>Nothing was sent: there are no e-mail recipients or webhooks saved.</MessageBarBody>
      </MessageBar>
    );
  }
  const failed = props.results.filter((r) => !r.ok).length;
  return (
    <MessageBar intent={failed === 0 ? 'success' : 'error'}>
      <MessageBarBody>
        {failed === 0
          ? 'The test notification was delivered.'
          : `${failed} of ${props.results.length} deliveries failed.`}
        <ul className={styles.results} aria-label="Test results">
          {props.results.map((r) => (
            <li key={r.channel + r.target}>
              {r.channel === 'email' ? 'E-mail to ' : 'Webhook '}
              {r.target}: {r.ok ? 'delivered' : `failed — ${r.error}`}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function OrganisationForm(props: { readonly saved: OrgSettings; readonly onSaved: () => void }) {
  const styles = useStyles();
  const { can } = useSession();
  const readOnly = !can(setNotifications);
  const [draft, setDraft] = useState(() => draftOf(props.saved));
  const saved = props.saved.smtp;
  const [ownSmtp, setOwnSmtp] = useState(saved !== null);
  const [host, setHost] = useState(saved?.host ?? '');
  const [port, setPort] = useState(String(saved?.port ?? 587));
  const [security, setSecurity] = useState<Security>(saved?.security ?? 'starttls');
  const [username, setUsername] = useState(saved?.username ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(saved?.from ?? '');
  useFormChanges({ draft, ownSmtp, host, port, security, username, password, from }, !readOnly);
  const save = useAction(() =>
    call(setNotifications, {
      body: {
        ...rulesBody(draft),
        smtp: ownSmtp
          ? {
              host: host.trim(),
              port: Number(port),
              security,
              username: username.trim() || null,
              ...(password ? { password } : {}),
              from: from.trim(),
            }
          : null,
      },
    }),
  );
  const [results, setResults] = useState<Results | undefined>(undefined);
  const test = useAction(async () => setResults((await call(sendTestNotification, { body: {} })).results));
  const server = props.saved.serverSmtp;
  return (
    <SectionCard title="Organisation" description="Used by every connection that does not override them.">
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run().then((ok) => ok && props.onSaved());
        }}
      >
        <RulesEditor draft={draft} onChange={setDraft} readOnly={readOnly} idPrefix="organisation" />
        <Field label="Mail server">
          <RadioGroup
            value={ownSmtp ? 'own' : 'server'}
            disabled={readOnly}
            onChange={(_, d) => setOwnSmtp(d.value === 'own')}
          >
            <Radio
              value="server"
              label={
                server.configured
                  ? `The hrsync server’s mail server (sends as ${server.from})`
                  : 'The hrsync server’s mail server (not set up on this server: e-mail cannot be sent)'
              }
            />
            <Radio value="own" label="Our own mail server" />
          </RadioGroup>
        </Field>
        {ownSmtp && (
          <>
            <div className={styles.row}>
              <Field label="Host" className={styles.grow} required>
                <Input
                  value={host}
                  readOnly={readOnly}
                  onChange={(_, d) => setHost(d.value)}
                  name="smtp-host"
                />
              </Field>
              <Field label="Port" required>
                <Input
                  value={port}
                  readOnly={readOnly}
                  type="number"
                  onChange={(_, d) => setPort(d.value)}
                  name="smtp-port"
                />
              </Field>
              <Field label="Security" className={styles.grow}>
                <Dropdown
                  value={SECURITY_LABELS[security]}
                  selectedOptions={[security]}
                  disabled={readOnly}
                  onOptionSelect={(_, d) => d.optionValue && setSecurity(d.optionValue as Security)}
                  aria-label="Security"
                >
                  {(Object.keys(SECURITY_LABELS) as Security[]).map((s) => (
                    <Option key={s} value={s}>
                      {SECURITY_LABELS[s]}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </div>
            <div className={styles.row}>
              <Field label="User name" className={styles.grow} hint="Empty when the server needs no sign-in.">
                <Input
                  value={username}
                  readOnly={readOnly}
                  onChange={(_, d) => setUsername(d.value)}
                  name="smtp-username"
                  autoComplete="off"
                />
              </Field>
              <Field
                label="Password"
                className={styles.grow}
                hint={
                  saved?.password.set
                    ? 'Saved; not shown. Sent only to the host it was saved with: enter it again when the host changes.'
                    : 'Sent only to this host.'
                }
              >
                <Input
                  type="password"
                  value={password}
                  readOnly={readOnly}
                  placeholder={saved?.password.set ? 'saved — leave empty to keep' : ''}
                  onChange={(_, d) => setPassword(d.value)}
                  name="smtp-password"
                  autoComplete="new-password"
                />
              </Field>
            </div>
            <Field label="Sender address" required>
              <Input
                value={from}
                readOnly={readOnly}
                onChange={(_, d) => setFrom(d.value)}
                name="smtp-from"
              />
            </Field>
          </>
        )}
        <ErrorMessage error={save.error} />
        {!readOnly && (
          <div className={styles.buttons}>
            <BusyButton type="submit" busy={save.busy}>
              Save
            </BusyButton>
            <BusyButton appearance="secondary" busy={test.busy} onClick={() => void test.run()}>
              Send a test notification
            </BusyButton>
          </div>
        )}
        {!readOnly && <Text size={200}>The test uses the saved settings: save your changes first.</Text>}
        <ErrorMessage error={test.error} />
        <TestResults results={test.busy ? undefined : results} />
      </form>
    </SectionCard>
  );
}

function ConnectionOverride(props: {
  readonly overrides: OrgSettings['overrides'];
  readonly onSaved: () => void;
}) {
  const connections = useResource(() => call(listConnections, { query: { pageSize: 500 } }), 'connections');
  const [connectionId, setConnectionId] = useState<string | undefined>(undefined);
  const items = connections.data?.items ?? [];
  const chosen = items.find((c) => c.id === connectionId);
  return (
    <SectionCard
      title="Per connection"
      description={
        props.overrides.length === 0
          ? 'Every connection follows the organisation’s settings.'
          : `Overridden: ${props.overrides.map((o) => `${o.connectionName} (${o.mode === 'off' ? 'off' : 'own settings'})`).join(', ')}.`
      }
    >
      <Field label="Connection">
        <Dropdown
          placeholder="Choose a connection"
          value={chosen?.name ?? ''}
          selectedOptions={connectionId ? [connectionId] : []}
          onOptionSelect={(_, d) => setConnectionId(d.optionValue)}
          aria-label="Connection"
        >
          {items.map((c) => (
            <Option key={c.id} value={c.id}>
              {c.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {connectionId && chosen && (
        <ConnectionOverrideLoader
          key={connectionId}
          id={connectionId}
          name={chosen.name}
          onSaved={props.onSaved}
        />
      )}
    </SectionCard>
  );
}

function ConnectionOverrideLoader(props: {
  readonly id: string;
  readonly name: string;
  readonly onSaved: () => void;
}) {
  const settings = useResource(
    () => call(getConnectionNotifications, { params: { id: props.id } }),
    `connection-notifications-${props.id}`,
  );
  if (!settings.data) return <ErrorMessage error={settings.error} />;
  return (
    <ConnectionOverrideForm
      key={JSON.stringify(settings.data)}
      id={props.id}
      name={props.name}
      saved={settings.data}
      onSaved={() => {
        settings.reload();
        props.onSaved();
      }}
    />
  );
}

function ConnectionOverrideForm(props: {
  readonly id: string;
  readonly name: string;
  readonly saved: ConnectionSettings;
  readonly onSaved: () => void;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const readOnly = !can(setConnectionNotifications);
  const [mode, setMode] = useState(props.saved.mode);
  const [draft, setDraft] = useState(() => draftOf(props.saved));
  useFormChanges({ mode, draft }, !readOnly);
  const save = useAction(() =>
    call(setConnectionNotifications, { params: { id: props.id }, body: { mode, ...rulesBody(draft) } }),
  );
  const [results, setResults] = useState<Results | undefined>(undefined);
  const test = useAction(async () =>
    setResults((await call(sendTestNotification, { body: { connectionId: props.id } })).results),
  );
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run().then((ok) => ok && props.onSaved());
      }}
    >
      <Field label={`Notifications for ${props.name}`}>
        <RadioGroup value={mode} disabled={readOnly} onChange={(_, d) => setMode(d.value as typeof mode)}>
          <Radio value="inherit" label="Follow the organisation’s settings" />
          <Radio value="override" label="Own recipients and webhooks for this connection" />
          <Radio value="off" label="No notifications for this connection" />
        </RadioGroup>
      </Field>
      {mode === 'override' && (
        <RulesEditor draft={draft} onChange={setDraft} readOnly={readOnly} idPrefix="connection" />
      )}
      <ErrorMessage error={save.error} />
      {!readOnly && (
        <div className={styles.buttons}>
          <BusyButton type="submit" busy={save.busy}>
            Save for this connection
          </BusyButton>
          <BusyButton appearance="secondary" busy={test.busy} onClick={() => void test.run()}>
            Send a test notification
          </BusyButton>
        </div>
      )}
      <ErrorMessage error={test.error} />
      <TestResults results={test.busy ? undefined : results} />
    </form>
  );
}
