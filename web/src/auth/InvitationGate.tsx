/**
 * An invitation link (`/#/invitation/<token>`) opens the accept page, signed in or not; any other
 * address goes on to the console (or its sign-in page). The accept page is its own chunk.
 */
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Loading } from '../ui/Loading.tsx';

const AcceptInvitationPage = lazy(() =>
  import('./AcceptInvitationPage.tsx').then((m) => ({ default: m.AcceptInvitationPage })),
);

const tokenIn = (hash: string): string | null =>
  /^#\/invitation\/([A-Za-z0-9_-]{20,200})$/.exec(hash)?.[1] ?? null;

export function InvitationGate(props: { readonly children: ReactNode }) {
  const [token, setToken] = useState(() => tokenIn(window.location.hash));
  useEffect(() => {
    const onChange = () => setToken(tokenIn(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  if (token === null) return <>{props.children}</>;
  return (
    <Suspense fallback={<Loading label="Opening your invitation…" />}>
      <AcceptInvitationPage token={token} />
    </Suspense>
  );
}
