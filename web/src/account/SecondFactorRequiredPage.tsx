/**
 * Shown instead of the console to an administrator whose organisation requires a second factor and
 * who has none yet: nothing else works (the API answers HRS_SECOND_FACTOR_REQUIRED) until it is set up.
 */
import { Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Session } from '../api/dto.ts';
import { SecondFactorSetup } from './SecondFactorSetup.tsx';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    padding: '32px 16px',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  card: {
    width: '640px',
    maxWidth: '100%',
    padding: '24px',
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
  },
  brand: { color: tokens.colorBrandForeground1 },
});

export function SecondFactorRequiredPage(props: {
  readonly session: Session;
  readonly onEnabled: () => void;
  readonly signOut: () => Promise<void>;
}) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <div>
          <Text as="h1" size={600} weight="semibold" className={styles.brand} block>
            hrsync
          </Text>
          <Text as="h2" size={500} block>
            Set up a second factor
          </Text>
          <Text>
            {props.session.organisation.name} requires administrators to sign in with a second factor. Set it
            up now to continue.
          </Text>
        </div>
        <SecondFactorSetup account={props.session.user.email} onEnabled={props.onEnabled} />
        <div>
          <Button appearance="subtle" onClick={() => void props.signOut()}>
            Sign out
          </Button>
        </div>
      </Card>
    </main>
  );
}
