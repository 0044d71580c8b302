/**
 * Setting up the second factor: hrsync makes a secret, shown once as a QR code and as a key to type
 * in; a current code from the app confirms it (only then is it on); the recovery codes follow, once.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client.ts';
import {
  confirmSecondFactorEnrolment,
  type ResponseOf,
  startSecondFactorEnrolment,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { QrCode } from './QrCode.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

type Enrolment = ResponseOf<typeof startSecondFactorEnrolment>;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '560px' },
  pair: { display: 'flex', gap: '20px', flexWrap: 'wrap', alignItems: 'flex-start' },
  key: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    minWidth: 0,
    flex: '1 1 220px',
  },
  secret: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    overflowWrap: 'anywhere',
  },
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '320px' },
});

export function SecondFactorSetup(props: { readonly account: string; readonly onEnabled: () => void }) {
  const styles = useStyles();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  const start = useAction(() => call(startSecondFactorEnrolment, {}));
  const confirm = useAction(() => call(confirmSecondFactorEnrolment, { body: { code: code.trim() } }));

  if (recoveryCodes) {
    return <RecoveryCodes codes={recoveryCodes} account={props.account} onDone={props.onEnabled} />;
  }
  if (!enrolment) {
    return (
      <div className={styles.root}>
        <Text>
          With a second factor, signing in needs your password and a code from an authenticator app on your
          phone (Microsoft Authenticator, Google Authenticator, 1Password, …).
        </Text>
        <ErrorMessage error={start.error} />
        <div>
          <BusyButton
            appearance="primary"
            busy={start.busy}
            onClick={() => void start.run().then((e) => e && setEnrolment(e))}
          >
            Set up a second factor
          </BusyButton>
        </div>
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const confirmed = await confirm.run();
    if (confirmed) setRecoveryCodes(confirmed.recoveryCodes);
  };
  return (
    <div className={styles.root}>
      <Text weight="semibold">1. Add hrsync to your authenticator app</Text>
      <div className={styles.pair}>
        <QrCode
          text={enrolment.uri}
          label={`QR code to add hrsync (${enrolment.account}) to an authenticator app`}
        />
        <div className={styles.key}>
          <Text>Scan the QR code, or type this key into the app (time-based, 6 digits):</Text>
          <Text className={styles.secret} data-testid="second-factor-secret">
            {enrolment.secretGroups}
          </Text>
          <Text size={200}>
            Account: {enrolment.account} · Issuer: {enrolment.issuer}. The key is shown only now.
          </Text>
        </div>
      </div>
      <Text weight="semibold">2. Enter the code the app shows</Text>
      <form className={styles.form} onSubmit={submit} aria-label="Confirm the second factor">
        <Field label="Code from the app" required>
          <Input
            name="second-factor-code"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={(_, d) => setCode(d.value)}
          />
        </Field>
        <ErrorMessage error={confirm.error} />
        <div>
          <BusyButton
            type="submit"
            appearance="primary"
            busy={confirm.busy}
            disabled={code.trim().length < 6}
          >
            Turn on
          </BusyButton>{' '}
          <Button
            disabled={confirm.busy}
            onClick={() => {
              setEnrolment(null);
              setCode('');
              confirm.clearError();
            }}
          >
            Start again
          </Button>
        </div>
      </form>
    </div>
  );
}
