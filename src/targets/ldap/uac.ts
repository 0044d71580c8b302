/** userAccountControl bits hrsync touches (KB 305144). */
export const UAC = {
  ACCOUNTDISABLE: 0x2,
  PASSWD_NOTREQD: 0x20,
  NORMAL_ACCOUNT: 0x200,
} as const;

/** A new user: a normal account, disabled until it has a password (514). */
export const UAC_NEW_USER = UAC.NORMAL_ACCOUNT | UAC.ACCOUNTDISABLE;

export const isDisabled = (uac: number): boolean => (uac & UAC.ACCOUNTDISABLE) !== 0;

export function withEnabled(uac: number, enabled: boolean): number {
  // PASSWD_NOTREQD is cleared too: an enabled account must need a password (Windows policy).
  const base = uac & ~UAC.PASSWD_NOTREQD;
  return enabled ? base & ~UAC.ACCOUNTDISABLE : base | UAC.ACCOUNTDISABLE;
}
