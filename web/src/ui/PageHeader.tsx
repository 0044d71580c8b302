/**
 * A page's breadcrumb, title and command bar, laid out like the Microsoft 365 admin center; the title is
 * the document's too.
 */
import {
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Fragment, type ReactNode, useEffect } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px', marginBottom: '12px' },
  titleRow: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  // Long connection names wrap instead of widening the page on a phone.
  title: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  breadcrumb: {
    '& ol': { flexWrap: 'wrap' },
    '& li': { minWidth: 0, maxWidth: '100%' },
    '& li > a, & li > button': {
      whiteSpace: 'normal',
      overflowWrap: 'anywhere',
      textAlign: 'start',
      height: 'auto',
      minHeight: '24px',
    },
  },
  subtitle: { color: tokens.colorNeutralForeground2 },
});

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

export function PageHeader(props: {
  readonly crumbs?: readonly Crumb[];
  readonly title: string;
  readonly badge?: ReactNode;
  readonly subtitle?: ReactNode;
}) {
  const styles = useStyles();
  // The browser's tab and history say which page it is: an MSP's administrator keeps several open.
  useEffect(() => {
    document.title = `${props.title} · hrsync`;
    return () => {
      document.title = 'hrsync';
    };
  }, [props.title]);
  return (
    <header className={styles.root}>
      {props.crumbs && props.crumbs.length > 0 && (
        <Breadcrumb aria-label="Breadcrumb" size="small" className={styles.breadcrumb}>
          {props.crumbs.map((c, i) => (
            <Fragment key={`${c.label}|${c.href ?? ''}`}>
              {i > 0 && <BreadcrumbDivider />}
              <BreadcrumbItem>
                {c.href ? (
                  <BreadcrumbButton href={c.href}>{c.label}</BreadcrumbButton>
                ) : (
                  <BreadcrumbButton current>{c.label}</BreadcrumbButton>
                )}
              </BreadcrumbItem>
            </Fragment>
          ))}
        </Breadcrumb>
      )}
      <div className={styles.titleRow}>
        <Text as="h1" size={700} weight="semibold" className={styles.title}>
          {props.title}
        </Text>
        {props.badge}
      </div>
      {props.subtitle && <Text className={styles.subtitle}>{props.subtitle}</Text>}
    </header>
  );
}
