/** The signed-in console: header, navigation and the page the URL names. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { ConnectionDetailsPage } from '../connection/ConnectionDetailsPage.tsx';
import { ConnectionsPage } from '../connections/ConnectionsPage.tsx';
import { RunPage } from '../runs/RunPage.tsx';
import { StepPage } from '../steps/StepPage.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { Header } from './Header.tsx';
import { Navigation } from './Navigation.tsx';
import { type Route, useRoute } from './routes.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  body: { display: 'flex', flex: 1, minHeight: 0 },
  main: {
    flex: 1,
    minWidth: 0,
    padding: '20px 32px 40px',
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

function Page(props: { readonly route: Route }) {
  const { route } = props;
  switch (route.page) {
    case 'connections':
      return <ConnectionsPage />;
    case 'connection':
      return <ConnectionDetailsPage key={route.id} id={route.id} />;
    case 'step':
      return <StepPage key={`${route.id}-${route.step}`} id={route.id} step={route.step} />;
    case 'run':
      return <RunPage key={route.id} id={route.id} />;
    case 'audit':
      return <AuditLogPage filter={route.filter} />;
    case 'not-found':
      return (
        <EmptyState title="This page does not exist">
          Nothing lives at “{route.path}”. <a href="#/connections">Go to connections</a>.
        </EmptyState>
      );
  }
}

export function Shell() {
  const styles = useStyles();
  const route = useRoute();
  // A new page starts at the top, as a full page load would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the route change is the trigger
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route]);
  return (
    <div className={styles.root}>
      <Header />
      <div className={styles.body}>
        <Navigation route={route} />
        <main className={styles.main} id="main">
          <Page route={route} />
        </main>
      </div>
    </div>
  );
}
