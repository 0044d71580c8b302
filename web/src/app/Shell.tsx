/** The signed-in console: header, navigation and the page the URL names. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect } from 'react';
import { useGuardedRoute } from '../setup/unsaved-changes.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Header } from './Header.tsx';
import { Navigation } from './Navigation.tsx';
import { hrefFor, type Route } from './routes.ts';

// Each page is its own chunk, loaded when first visited, so the sign-in page and the connection
// list do not wait for the step editors, the run review or the audit log.
const AuditLogPage = lazy(() =>
  import('../audit/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);
const ConnectionDetailsPage = lazy(() =>
  import('../connection/ConnectionDetailsPage.tsx').then((m) => ({ default: m.ConnectionDetailsPage })),
);
const ConnectionsPage = lazy(() =>
  import('../connections/ConnectionsPage.tsx').then((m) => ({ default: m.ConnectionsPage })),
);
const RunPage = lazy(() => import('../runs/RunPage.tsx').then((m) => ({ default: m.RunPage })));
const CustomersPage = lazy(() =>
  import('../admin/CustomersPage.tsx').then((m) => ({ default: m.CustomersPage })),
);
const UsersPage = lazy(() => import('../admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import('../admin/TokensPage.tsx').then((m) => ({ default: m.TokensPage })));
const OrganisationPage = lazy(() =>
  import('../admin/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })),
);
const NotificationsPage = lazy(() =>
  import('../admin/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const AccountSecurityPage = lazy(() =>
  import('../account/AccountSecurityPage.tsx').then((m) => ({ default: m.AccountSecurityPage })),
);
const StepPage = lazy(() => import('../steps/StepPage.tsx').then((m) => ({ default: m.StepPage })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  body: { display: 'flex', flex: 1, minHeight: 0 },
  // The first thing a keyboard user reaches: hidden until focused, then shown over the header.
  skip: {
    position: 'absolute',
    left: '8px',
    top: '-48px',
    zIndex: 1000,
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `2px solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus': { top: '8px' },
  },
  main: {
    flex: 1,
    minWidth: 0,
    padding: '20px 32px 40px',
    '@media (max-width: 600px)': { padding: '12px 12px 32px' },
    backgroundColor: tokens.colorNeutralBackground1,
    // Focus lands here only from the skip link; the page itself is not a control.
    ':focus': { outline: 'none' },
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
      return <RunPage key={route.id} id={route.id} filter={route.filter ?? {}} />;
    case 'audit':
      return <AuditLogPage filter={route.filter} />;
    case 'customers':
      return <CustomersPage />;
    case 'users':
      return <UsersPage />;
    case 'tokens':
      return <TokensPage />;
    case 'organisation':
      return <OrganisationPage />;
    case 'notifications':
      return <NotificationsPage />;
    case 'account':
      return <AccountSecurityPage />;
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
  const { route, prompt } = useGuardedRoute();
  // A new page starts at the top, as a full page load would. A change of the page's query only (a
  // filter, a page of a list, a person's panel opened) keeps the place, as it did as the page's state.
  const path = hrefFor(route).split('?')[0];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path's change is the trigger
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [path]);
  return (
    <div className={styles.root}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link by convention; with hash routing it moves focus itself */}
      <a
        className={styles.skip}
        href="#main"
        onClick={(event) => {
          // The console routes by the URL's hash, so the link moves focus itself instead.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <Header />
      <div className={styles.body}>
        <Navigation route={route} />
        <main className={styles.main} id="main" tabIndex={-1}>
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Page route={route} />
          </Suspense>
        </main>
      </div>
      {prompt}
    </div>
  );
}
