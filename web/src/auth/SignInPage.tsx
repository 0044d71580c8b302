/**
 * The sign-in form: e-mail and password, the service sets a secure session cookie on success. When
 * the account has a second factor the password opens nothing yet: a second step asks for the code
 * from the authenticator app (or a recovery code) within 5 minutes.
 */
import { Button, Card, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client.ts';
import { signIn, verifySecondFactor } from '../api/contracts.ts';
import type { Session } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { MicrosoftSignIn } from './MicrosoftSignIn.tsx';

/** What a refused sign-in means to the person signing in. */
const SIGN_IN_TITLES = {
  HRS_UNAUTHENTICATED: 'Wrong e-mail address or password',
  HRS_RATE_LIMITED: 'Too many sign-in attempts',
} as const;

const CODE_TITLES = {
  HRS_UNAUTHENTICATED: 'That code did not work',
  HRS_RATE_LIMITED: 'Too many sign-in attempts',
} as const;

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  card: { width: '380px', maxWidth: 'calc(100vw - 32px)', padding: '32px' },
  form: { display: 'flex', flexDirection: 'column', gap: '16px' },
  brand: { color: tokens.colorBrandForeground1 },
});

export function SignInPage(props: {
  readonly onSignedIn: (session: Session) => void;
  /** The password was accepted earlier (e.g. before a reload) and the code is still awaited. */
  readonly codePending?: boolean;
}) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [askCode, setAskCode] = useState(props.codePending ?? false);
  const action = useAction(() => call(signIn, { body: { email: email.trim(), password } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await action.run();
    if (!answer) return;
    if ('user' in answer) props.onSignedIn(answer);
    else {
      setPassword('');
      setAskCode(true);
    }
  };

  if (askCode) {
    return (
      <main className={styles.page}>
        <Card className={styles.card}>
          <SecondStep
            onSignedIn={props.onSignedIn}
            onBack={() => {
              action.clearError();
              setAskCode(false);
            }}
          />
        </Card>
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <form className={styles.form} onSubmit={submit} aria-label="Sign in">
          <div>
            <Text as="h1" size={600} weight="semibold" className={styles.brand} block>
              hrsync
            </Text>
            <Text size={500} block>
              Sign in
            </Text>
            <Text size={200}>AFAS Profit to Microsoft 365 provisioning</Text>
          </div>
          <Field label="E-mail address" required>
            <Input
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(_, d) => setEmail(d.value)}
              autoFocus
            />
          </Field>
          <Field label="Password" required>
            <Input
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(_, d) => setPassword(d.value)}
            />
          </Field>
          <ErrorMessage error={action.error} titles={SIGN_IN_TITLES} />
          <Button
            appearance="primary"
            type="submit"
            disabled={action.busy || !email || !password}
            icon={action.busy ? <Spinner size="tiny" /> : null}
          >
            Sign in
          </Button>
        </form>
        <MicrosoftSignIn />
      </Card>
    </main>
  );
}

/** The second step: the code from the authenticator app, or a recovery code. */
function SecondStep(props: { readonly onSignedIn: (session: Session) => void; readonly onBack: () => void }) {
  const styles = useStyles();
  const [code, setCode] = useState('');
  const action = useAction(() => call(verifySecondFactor, { body: { code: code.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await action.run();
    if (session) props.onSignedIn(session);
    else setCode('');
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Second step of signing in">
      <div>
        <Text as="h1" size={600} weight="semibold" className={styles.brand} block>
          hrsync
        </Text>
        <Text size={500} block>
          Enter your code
        </Text>
        <Text size={200}>Open your authenticator app and enter the 6-digit code it shows for hrsync.</Text>
      </div>
      <Field label="Code" required hint="Lost your phone? Enter one of your recovery codes instead.">
        <Input
          name="code"
          autoComplete="one-time-code"
          value={code}
          onChange={(_, d) => setCode(d.value)}
          autoFocus
        />
      </Field>
      <ErrorMessage error={action.error} titles={CODE_TITLES} />
      <Button
        appearance="primary"
        type="submit"
        disabled={action.busy || code.trim().length < 6}
        icon={action.busy ? <Spinner size="tiny" /> : null}
      >
        Verify
      </Button>
      <Button appearance="subtle" type="button" onClick={props.onBack}>
        Sign in with another account
      </Button>
    </form>
  );
}
