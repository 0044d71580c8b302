/**
 * The page an invitation link opens (`/#/invitation/<token>`; the token stays in the fragment, so it
 * never reaches a server log). It shows what the invitation is for, then the invitee chooses a
 * password under the usual strength rules — or, when the organisation has it, signs in with
 * Microsoft — and goes on to sign in. Shown whether or not someone is signed in in this browser.
 */
import {
  Button,
  Card,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Static } from '@sinclair/typebox';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import {
  acceptInvitation,
  acceptInvitationWithMicrosoft,
  type InvitationPreviewDto,
  previewInvitation,
  type Role,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Loading } from '../ui/Loading.tsx';

type Preview = Static<typeof InvitationPreviewDto>;

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'Administrator: everything, including users, customers, tenants and API tokens',
  operator: 'Operator: configure and run connections',
  viewer: 'Viewer: read everything',
};

const TITLES = {
  HRS_NOT_FOUND: 'This invitation link does not work',
  HRS_INVALID_STATE: 'This invitation cannot be used',
  HRS_RATE_LIMITED: 'Too many attempts',
  HRS_CONFLICT: 'You already have an account',
} as const;

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  card: { width: '440px', maxWidth: 'calc(100vw - 32px)', padding: '32px', boxSizing: 'border-box' },
  form: { display: 'flex', flexDirection: 'column', gap: '16px' },
  brand: { color: tokens.colorBrandForeground1 },
  address: { overflowWrap: 'anywhere' },
});

export function AcceptInvitationPage(props: { readonly token: string }) {
  const styles = useStyles();
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<{ email: string; organisation: string } | undefined>(undefined);
  useEffect(() => {
    call(previewInvitation, { body: { token: props.token } }).then((p) => {
      setPreview(p);
      setName(p.name);
    }, setLoadError);
  }, [props.token]);
  const accept = useAction(() =>
    call(acceptInvitation, {
      body: { token: props.token, password, ...(name.trim() ? { name: name.trim() } : {}) },
    }),
  );
  const microsoft = useAction(() => call(acceptInvitationWithMicrosoft, { body: { token: props.token } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const accepted = await accept.run();
    if (accepted) setDone(accepted);
  };
  const toSignIn = () => window.location.replace('/');

  let body: ReactNode;
  if (loadError !== undefined) {
    body = (
      <>
        <ErrorMessage error={loadError} titles={TITLES} />
        <Button onClick={toSignIn}>Go to sign-in</Button>
      </>
    );
  } else if (!preview) {
    body = <Loading label="Opening your invitation…" />;
  } else if (done) {
    body = (
      <>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Your account is ready</MessageBarTitle>
            Sign in to {done.organisation} with <span className={styles.address}>{done.email}</span> and your
            new password.
          </MessageBarBody>
        </MessageBar>
        <Button appearance="primary" onClick={toSignIn}>
          Go to sign-in
        </Button>
      </>
    );
  } else {
    const mismatch = repeat !== '' && repeat !== password;
    body = (
      <>
        <Text block>
          You are invited to <strong>{preview.organisation}</strong> as{' '}
          <span className={styles.address}>{preview.email}</span>.
        </Text>
        <Text block size={200}>
          Role: {ROLE_WORDS[preview.role]}. The invitation is valid until{' '}
          {formatDateTime(preview.expiresAt, '—', preview.timeZone)}.
        </Text>
        <form className={styles.form} onSubmit={submit} aria-label="Accept the invitation">
          <Field label="Your name" required>
            <Input value={name} onChange={(_, d) => setName(d.value)} name="name" autoComplete="name" />
          </Field>
          <Field
            label="Choose a password"
            required
            hint="At least 12 characters and hard to guess: a few unrelated words work well."
          >
            <Input
              type="password"
              value={password}
              onChange={(_, d) => setPassword(d.value)}
              name="new-password"
              autoComplete="new-password"
            />
          </Field>
          <Field
            label="Repeat the password"
            required
            validationMessage={mismatch ? 'The two passwords differ.' : null}
          >
            <Input
              type="password"
              value={repeat}
              onChange={(_, d) => setRepeat(d.value)}
              name="repeat-password"
              autoComplete="new-password"
            />
          </Field>
          <ErrorMessage error={accept.error} titles={TITLES} />
          <BusyButton
            type="submit"
            busy={accept.busy}
            disabled={!name.trim() || password.length < 12 || password !== repeat}
          >
            Accept and set password
          </BusyButton>
        </form>
        {preview.microsoftSignIn && (
          <>
            <Divider>or</Divider>
            <Text size={200}>
              {preview.organisation} signs in with Microsoft: accept by signing in with your work account{' '}
              <span className={styles.address}>{preview.email}</span>.
            </Text>
            <ErrorMessage error={microsoft.error} titles={TITLES} />
            <Button
              disabled={microsoft.busy}
              onClick={() =>
                void microsoft.run().then((answer) => answer && window.location.assign(answer.startUrl))
              }
            >
              Accept with Microsoft
            </Button>
          </>
        )}
      </>
    );
  }

  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <div className={styles.form}>
          <div>
            <Text as="h1" size={600} weight="semibold" className={styles.brand} block>
              hrsync
            </Text>
            <Text size={500} block>
              Accept your invitation
            </Text>
          </div>
          {body}
        </div>
      </Card>
    </main>
  );
}
