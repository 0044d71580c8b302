/**
 * The signed-in person's own security: the second factor (set it up, new recovery codes, turn it off
 * with password and code). Sign in with Microsoft needs none here: Entra asks for the second factor.
 */
import { Badge, Button, Field, Input, makeStyles, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { disableSecondFactor, getSecondFactor, renewRecoveryCodes } from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PageNotLoaded } from '../ui/PageNotLoaded.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { SecondFactorSetup } from './SecondFactorSetup.tsx';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: '12px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

export function AccountSecurityPage() {
  const styles = useStyles();
  const { session } = useSession();
  const status = useResource(() => call(getSecondFactor, {}), 'second-factor');
  const [dialog, setDialog] = useState<'renew' | 'disable' | undefined>(undefined);
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  if (!status.data)
    return (
      <PageNotLoaded
        crumbs={[]}
        title="Security"
        loadingLabel="Loading your security settings…"
        error={status.error}
        onRetry={status.reload}
      />
    );
  const s = status.data;
  return (
    <>
      <PageHeader title="Security" subtitle={`How ${session.user.email} signs in.`} />
      <SectionCard
        title="Second factor"
        action={
          <Badge
            appearance="tint"
            color={s.enabled ? 'success' : 'warning'}
            data-testid="second-factor-state"
          >
            {s.enabled ? 'On' : 'Off'}
          </Badge>
        }
      >
        <div className={styles.body}>
          {s.microsoft ? (
            <Text>
              You signed in with Microsoft: Entra asks for your second factor, so hrsync does not ask its own.
            </Text>
          ) : recoveryCodes ? (
            <RecoveryCodes
              codes={recoveryCodes}
              account={session.user.email}
              onDone={() => {
                setRecoveryCodes(null);
                status.reload();
              }}
            />
          ) : s.enabled ? (
            <>
              <Text>
                On since {formatDateTime(s.enabledAt)}. Signing in asks for a code from your authenticator
                app. Recovery codes left: {s.recoveryCodesLeft}.
              </Text>
              {s.required && (
                <Text>Your organisation requires administrators to use a second factor, so it stays on.</Text>
              )}
              <div className={styles.buttons}>
                <Button onClick={() => setDialog('renew')}>New recovery codes</Button>
                <Button disabled={s.required} onClick={() => setDialog('disable')}>
                  Turn off
                </Button>
              </div>
            </>
          ) : (
            <SecondFactorSetup account={session.user.email} onEnabled={status.reload} />
          )}
        </div>
      </SectionCard>
      {dialog === 'renew' && (
        <RenewDialog
          onClose={() => setDialog(undefined)}
          onRenewed={(codes) => {
            setDialog(undefined);
            setRecoveryCodes(codes);
          }}
        />
      )}
      {dialog === 'disable' && (
        <DisableDialog
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            status.reload();
          }}
        />
      )}
    </>
  );
}

function CodeField(props: { readonly value: string; readonly onChange: (value: string) => void }) {
  return (
    <Field label="Code from your authenticator app" required hint="Or one of your recovery codes.">
      <Input
        name="second-factor-code"
        autoComplete="one-time-code"
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

function RenewDialog(props: {
  readonly onClose: () => void;
  readonly onRenewed: (codes: readonly string[]) => void;
}) {
  const [code, setCode] = useState('');
  const renew = useAction(() => call(renewRecoveryCodes, { body: { code: code.trim() } }));
  const changed = useChangedSinceOpened({ code });
  return (
    <ActionDialog
      title="New recovery codes"
      busy={renew.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Make new codes',
        disabled: code.trim().length < 6,
        onSubmit: () => void renew.run().then((r) => r && props.onRenewed(r.recoveryCodes)),
      }}
    >
      <Text>Your current recovery codes stop working.</Text>
      <CodeField value={code} onChange={setCode} />
      <ErrorMessage error={renew.error} />
    </ActionDialog>
  );
}

function DisableDialog(props: { readonly onClose: () => void; readonly onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useAction(async () => {
    await call(disableSecondFactor, { body: { password, code: code.trim() } });
    return true;
  });
  const changed = useChangedSinceOpened({ password, code });
  return (
    <ActionDialog
      title="Turn off the second factor"
      busy={disable.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Turn off',
        disabled: !password || code.trim().length < 6,
        onSubmit: () => void disable.run().then((done) => done && props.onDone()),
      }}
    >
      <Text>Signing in will then need only your password. Your recovery codes stop working.</Text>
      <Field label="Password" required>
        <Input
          type="password"
          name="current-password"
          autoComplete="current-password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
        />
      </Field>
      <CodeField value={code} onChange={setCode} />
      <ErrorMessage error={disable.error} />
    </ActionDialog>
  );
}
