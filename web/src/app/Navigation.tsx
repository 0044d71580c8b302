/** The left navigation: the console's two areas. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DocumentBulletListClockRegular, PlugConnectedRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { Route } from './routes.ts';

const useStyles = makeStyles({
  nav: {
    width: '220px',
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
];

export function Navigation(props: { readonly route: Route }) {
  const styles = useStyles();
  return (
    <nav className={styles.nav} aria-label="Main">
      <ul className={styles.list}>
        {ITEMS.map((item) => {
          const current = item.matches(props.route);
          return (
            <li key={item.href}>
              <a
                href={item.href}
                className={mergeClasses(styles.link, current && styles.current)}
                aria-current={current ? 'page' : undefined}
              >
                {item.icon}
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
