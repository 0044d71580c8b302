/**
 * The organisation's "require a second factor for administrators" switch (admins only; audited as an
 * organisation change). Turning it on asks every admin without one to set it up at their next step.
 */
import { makeStyles, Switch, Text } from '@fluentui/react-components';
import { call } from '../api/client.ts';
import { updateOrganisation } from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: '8px', maxWidth: '640px' },
});

export function SecondFactorSetting(props: { readonly required: boolean; readonly onSaved: () => void }) {
  const styles = useStyles();
  const save = useAction((required: boolean) =>
    call(updateOrganisation, { body: { requireAdminSecondFactor: required } }),
  );
  return (
    <SectionCard title="Sign-in security">
      <div className={styles.body}>
        <Switch
          label="Require a second factor for administrators"
          checked={props.required}
          disabled={save.busy}
          onChange={(_, d) => void save.run(d.checked).then((ok) => ok && props.onSaved())}
          data-testid="require-admin-second-factor"
        />
        <Text size={200}>
          Administrators who sign in with a password must also enter a code from an authenticator app; one who
          has not set it up is asked to right after signing in, before anything else. Sign in with Microsoft
          (Entra asks for its own second factor) and API tokens are not affected.
        </Text>
        <ErrorMessage error={save.error} />
      </div>
    </SectionCard>
  );
}
