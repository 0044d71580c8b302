/**
 * What a page about one connection tells everything inside it: the time zone its times are shown
 * in, and the kind of tenant whose attribute labels it uses (the admin center's or AD's).
 */
import type { ReactNode } from 'react';
import type { TenantType } from '../api/contracts.ts';
import { TenantTypeContext } from './AttributeName.tsx';
import { TimeZoneContext } from './time-zone.ts';

export function ConnectionScope(props: {
  readonly timeZone: string | null;
  readonly tenantType: TenantType | null;
  readonly children: ReactNode;
}) {
  return (
    <TimeZoneContext.Provider value={props.timeZone}>
      <TenantTypeContext.Provider value={props.tenantType}>{props.children}</TenantTypeContext.Provider>
    </TimeZoneContext.Provider>
  );
}
