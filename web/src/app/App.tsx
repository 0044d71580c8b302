/**
 * Finds out who is signed in, then shows either the sign-in page or the console. Any 401 from any
 * call (the session expired, or an administrator disabled the user) returns to the sign-in page.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { call, onUnauthenticated } from '../api/client.ts';
import { getSession, signOut } from '../api/contracts.ts';
import type { Session } from '../api/dto.ts';
import { SessionProvider } from '../auth/session-context.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useFittingSelects } from '../ui/fitting-selects.ts';
import { Loading } from '../ui/Loading.tsx';

// The sign-in page and the signed-in console are separate chunks: whoever signs in does not load
// the console before, and whoever is signed in does not load the sign-in page.
const SignInPage = lazy(() => import('../auth/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const Shell = lazy(() => import('./Shell.tsx').then((m) => ({ default: m.Shell })));
const SecondFactorRequiredPage = lazy(() =>
  import('../account/SecondFactorRequiredPage.tsx').then((m) => ({ default: m.SecondFactorRequiredPage })),
);

type Gate =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed-out'; readonly codePending?: boolean }
  | { readonly kind: 'signed-in'; readonly session: Session }
  | { readonly kind: 'unreachable'; readonly error: unknown };

export function App() {
  useFittingSelects();
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });

  const check = useCallback(() => {
    setGate({ kind: 'checking' });
    call(getSession, {}).then(
      (session) => setGate({ kind: 'signed-in', session }),
      (error: unknown) =>
        setGate(
          isApiError(error) && error.status === 401
            ? { kind: 'signed-out', codePending: error.code === 'HRS_SECOND_FACTOR_PENDING' }
            : { kind: 'unreachable', error },
        ),
    );
  }, []);

  useEffect(check, [check]);
  useEffect(() => {
    const stop = onUnauthenticated(() => setGate({ kind: 'signed-out' }));
    return () => {
      stop();
    };
  }, []);

  const leave = useCallback(async () => {
    try {
      await call(signOut, {});
    } finally {
      setGate({ kind: 'signed-out' });
    }
  }, []);

  switch (gate.kind) {
    case 'checking':
      return <Loading label="Starting hrsync…" />;
    case 'signed-out':
      return (
        <Suspense fallback={<Loading label="Starting hrsync…" />}>
          <SignInPage
            codePending={gate.codePending ?? false}
            onSignedIn={(session) => setGate({ kind: 'signed-in', session })}
          />
        </Suspense>
      );
    case 'unreachable':
      return (
        <div style={{ padding: 32 }}>
          <ErrorMessage error={gate.error} onRetry={check} />
        </div>
      );
    case 'signed-in':
      // The organisation requires admins to use a second factor and this one has none: set it up first.
      if (gate.session.secondFactorRequired)
        return (
          <Suspense fallback={<Loading label="Starting hrsync…" />}>
            <SecondFactorRequiredPage session={gate.session} onEnabled={check} signOut={leave} />
          </Suspense>
        );
      return (
        <SessionProvider session={gate.session} signOut={leave}>
          <Suspense fallback={<Loading label="Starting hrsync…" />}>
            <Shell />
          </Suspense>
        </SessionProvider>
      );
  }
}
