/** The left navigation: connections and the audit log, then what an administrator manages. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  AlertRegular,
  BuildingRegular,
  DocumentBulletListClockRegular,
  KeyRegular,
  PeopleTeamRegular,
  PlugConnectedRegular,
  SettingsRegular,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import {
  type Endpoint,
  getNotifications,
  listApiTokens,
  listCustomers,
  listUsers,
  updateOrganisation,
} from '../api/contracts.ts';
import { useSession } from '../auth/session-context.tsx';
import type { Route } from './routes.ts';

const useStyles = makeStyles({
  nav: {
    width: '220px',
    // Below 1024 px the navigation collapses to its icons (names stay as accessible labels and
    // tooltips), so pages keep their width on a laptop, a tablet or a phone.
    '@media (max-width: 1023px)': { width: '52px' },
    flexShrink: 0,
    padding: '8px 0',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  link: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    padding: '10px 16px',
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    borderLeft: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  label: { '@media (max-width: 1023px)': { display: 'none' } },
  current: {
    borderLeftColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
});

interface Item {
  readonly label: string;
  readonly href: string;
  readonly icon: ReactNode;
  readonly matches: (route: Route) => boolean;
  /** Shown only to roles that may call this endpoint. */
  readonly needs?: Pick<Endpoint, 'access'>;
}

const ITEMS: readonly Item[] = [
  {
    label: 'Connections',
    href: '#/connections',
    icon: <PlugConnectedRegular fontSize={20} />,
    matches: (r) =>
      r.page === 'connections' || r.page === 'connection' || r.page === 'step' || r.page === 'run',
  },
  {
    label: 'Audit logs',
    href: '#/audit',
    icon: <DocumentBulletListClockRegular fontSize={20} />,
    matches: (r) => r.page === 'audit',
  },
  {
    label: 'Customers and tenants',
    href: '#/customers',
    icon: <BuildingRegular fontSize={20} />,
    matches: (r) => r.page === 'customers',
    needs: listCustomers,
  },
  {
    label: 'Users',
    href: '#/users',
    icon: <PeopleTeamRegular fontSize={20} />,
    matches: (r) => r.page === 'users',
    needs: listUsers,
  },
  {
    label: 'API tokens',
    href: '#/tokens',
    icon: <KeyRegular fontSize={20} />,
    matches: (r) => r.page === 'tokens',
    needs: listApiTokens,
  },
  {
    label: 'Organisation',
    href: '#/organisation',
    icon: <SettingsRegular fontSize={20} />,
    matches: (r) => r.page === 'organisation',
    needs: updateOrganisation,
  },
  {
    label: 'Notifications',
    href: '#/notifications',
    icon: <AlertRegular fontSize={20} />,
    matches: (r) => r.page === 'notifications',
    needs: getNotifications,
  },
];

export function Navigation(props: { readonly route: Route }) {
  const styles = useStyles();
  const { can } = useSession();
  return (
    <nav className={styles.nav} aria-label="Main">
      <ul className={styles.list}>
        {ITEMS.filter((item) => !item.needs || can(item.needs)).map((item) => {
          const current = item.matches(props.route);
          return (
            <li key={item.href}>
              <a
                href={item.href}
                className={mergeClasses(styles.link, current && styles.current)}
                aria-current={current ? 'page' : undefined}
                aria-label={item.label}
                title={item.label}
              >
                {item.icon}
                <span className={styles.label}>{item.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
