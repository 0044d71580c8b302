/**
 * The top bar every Microsoft 365 admin knows: product name on the left, the organisation and the
 * signed-in user (with role and sign-out) on the right.
 */
import {
  Avatar,
  Button,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncCircleRegular, ShieldKeyholeRegular, SignOutRegular } from '@fluentui/react-icons';
import { useSession } from '../auth/session-context.tsx';

const useStyles = makeStyles({
  bar: {
    height: '48px',
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    padding: '0 12px 0 16px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    color: 'inherit',
    textDecoration: 'none',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  // On a phone the tagline gives way to the organisation's name.
  tagline: { fontWeight: tokens.fontWeightRegular, '@media (max-width: 600px)': { display: 'none' } },
  spacer: { flex: 1 },
  organisation: {
    color: 'inherit',
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  userButton: { color: tokens.colorNeutralForegroundOnBrand, minWidth: 'auto' },
});

const ROLE_LABELS = { admin: 'Administrator', operator: 'Operator', viewer: 'Viewer (read only)' } as const;

export function Header() {
  const styles = useStyles();
  const { session, signOut } = useSession();
  return (
    <header className={styles.bar}>
      <a className={styles.brand} href="#/connections">
        <ArrowSyncCircleRegular fontSize={24} aria-hidden />
        <span>hrsync</span>
        <span className={styles.tagline}>| HR provisioning</span>
      </a>
      <div className={styles.spacer} />
      <Text className={styles.organisation} data-testid="organisation-name">
        {session.organisation.name}
      </Text>
      <Menu positioning="below-end">
        <MenuTrigger disableButtonEnhancement>
          <Button
            appearance="transparent"
            className={styles.userButton}
            // The name comes from the avatar, so the initials shown are not at odds with a separate label.
            icon={
              <Avatar
                name={session.user.name}
                aria-label={`Account of ${session.user.name}`}
                size={28}
                color="colorful"
              />
            }
            data-testid="user-menu"
          />
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>
                <span data-testid="user-name">{session.user.name}</span>
              </MenuGroupHeader>
              <MenuItem disabled>{session.user.email}</MenuItem>
              <MenuItem disabled data-testid="user-role">
                {ROLE_LABELS[session.role]}
              </MenuItem>
            </MenuGroup>
            <MenuDivider />
            <MenuItem
              icon={<ShieldKeyholeRegular />}
              onClick={() => {
                window.location.hash = '#/account';
              }}
            >
              Security
            </MenuItem>
            <MenuItem icon={<SignOutRegular />} onClick={() => void signOut()}>
              Sign out
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
    </header>
  );
}
