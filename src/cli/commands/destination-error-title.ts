import { errorTitle, HYBRID_TARGET_TITLES } from '../../contracts/error-titles.ts';
import type { ErrorCode } from '../../core/errors.ts';

/**
 * An error's title in the console's words for the connection's destination: a hybrid connection's
 * destination is on-premises Active Directory, so its target errors are not "Microsoft 365 …"
 * (the console's plain-words does the same).
 */
export const destinationErrorTitle = (code: string, destinationType: string | null | undefined): string =>
  (destinationType === 'hybrid' ? HYBRID_TARGET_TITLES[code as ErrorCode] : undefined) ?? errorTitle(code);
