/**
 * "Sign in with Microsoft" under the password form: a plain link to the service, which redirects to
 * Microsoft (OpenID Connect, code + PKCE) and back. A refused sign-in comes back as
 * `?sign_in_error=…`, shown here once; `?organisation=…` (an organisation's own sign-in link on a
 * server with several) is passed on.
 */
import { Divider, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: '12px', marginTop: '16px' },
  link: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: '8px',
    padding: '6px 12px',
    border: '1px solid #8a8886',
    borderRadius: '4px',
    color: '#323130',
    textDecoration: 'none',
    fontWeight: 600,
    ':hover': { backgroundColor: '#f3f2f1' },
  },
});

/** The four squares of the Microsoft logo, as Microsoft's sign-in button guidance asks. */
function Logo() {
  return (
    <svg width="16" height="16" viewBox="0 0 21 21" aria-hidden="true">
      <rect x="1" y="1" width="9" height="9" fill="#f25022" />
      <rect x="11" y="1" width="9" height="9" fill="#7fba00" />
      <rect x="1" y="11" width="9" height="9" fill="#00a4ef" />
      <rect x="11" y="11" width="9" height="9" fill="#ffb900" />
    </svg>
  );
}

export function MicrosoftSignIn() {
  const styles = useStyles();
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const [error] = useState(() => {
    const message = params.get('sign_in_error');
    if (message !== null) {
      // Shown once: a reload or bookmark does not bring the message back.
      const rest = new URLSearchParams(params);
      rest.delete('sign_in_error');
      const query = rest.toString();
      window.history.replaceState(
        null,
        '',
        `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`,
      );
    }
    return message;
  });
  const organisation = params.get('organisation');
  const href = `/api/v1/session/microsoft/start${organisation ? `?organisation=${encodeURIComponent(organisation)}` : ''}`;
  return (
    <div className={styles.box}>
      <Divider>or</Divider>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Microsoft sign-in refused</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      <a className={styles.link} href={href}>
        <Logo />
        Sign in with Microsoft
      </a>
    </div>
  );
}
