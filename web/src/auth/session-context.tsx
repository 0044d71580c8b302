/**
 * Who is signed in, for every page: the session (user, role, organisation) and `can(endpoint)`,
 * which pages use to hide buttons the role may not use.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { Endpoint } from '../api/contracts.ts';
import type { Session } from '../api/dto.ts';
import { setOrganisationTimeZone } from '../ui/format.ts';
import { mayCall } from './permissions.ts';

export interface SessionValue {
  readonly session: Session;
  can(e: Pick<Endpoint, 'access'>): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider(props: {
  readonly session: Session;
  readonly signOut: () => Promise<void>;
  readonly children: ReactNode;
}) {
  // Times where no connection applies are shown in the organisation's zone (ui/format.ts); it is
  // set before any page renders a time.
  setOrganisationTimeZone(props.session.organisation.timeZone);
  const value: SessionValue = {
    session: props.session,
    can: (e) => mayCall(props.session.role, e),
    signOut: props.signOut,
  };
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}
