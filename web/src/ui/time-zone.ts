/** The time zone a part of the console shows its times in (see format.ts). */
import { createContext, useContext } from 'react';
import { organisationTimeZone } from './format.ts';

/** The zone of the connection a page is about; null where no connection applies. */
export const TimeZoneContext = createContext<string | null>(null);

/** The zone this part of the page shows times in: its connection's, or else the organisation's. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext) ?? organisationTimeZone();
}
