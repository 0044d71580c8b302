/**
 * Every failure of an LDAP operation, classified at the edge (STYLE.md principle 7): the hrsync code,
 * whether retrying can help, whether the write may have happened (a connection lost mid-operation),
 * whether another controller is worth trying, and a message that says what to do. AD's diagnostic
 * text (`0000052D: Constraint violation - check_password_restrictions…`) is kept in the message: it
 * is what a directory administrator searches for.
 */
import { classifyNetworkError, type ErrorCode, isHrsyncError, LOCAL_ADDRESS_CODE } from '../../core/index.ts';

export interface LdapFailure {
  readonly code: ErrorCode;
  /** The LDAP result code, when the controller answered. */
  readonly resultCode: number | null;
  readonly retryable: boolean;
  /** The operation may or may not have been carried out (connection lost after sending it). */
  readonly ambiguous: boolean;
  /** The controller could not be reached or talked to: another controller may work. */
  readonly unreachable: boolean;
  /**
   * Retrying this controller cannot help until its URL, DNS or certificate is changed (a host DNS does
   * not know, an untrusted certificate): the HTTP clients' list (classifyNetworkError).
   */
  readonly permanent: boolean;
  readonly message: string;
}

const NETWORK_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What each way of not reaching a controller points at, so the administrator checks the right thing. */
const UNREACHABLE_ADVICE: Readonly<Record<string, string>> = {
  ENOTFOUND:
    'its name is not known to DNS: check the host name in the URL, and that the machine hrsync runs on can resolve the customer’s domain (otherwise reach it through a directory agent)',
  EAI_AGAIN:
    'DNS did not answer for its name: check the DNS servers of the machine hrsync runs on, then test again',
  ECONNREFUSED:
    'the machine answered but nothing listens on that port: check the port (636 for ldaps://, 389 for ldap://) and that the directory service runs',
};
const NETWORK_LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS/i;

/**
 * A certificate from a trusted CA but for another name (`ERR_TLS_CERT_ALTNAME_INVALID`): the usual
 * case is a URL with an IP address and no TLS server name, or a typo in that name. Node's error
 * carries the name asked for (`host`) and the certificate; its first DNS name (else its CN) is what
 * to enter. "Add its CA certificate" would send the administrator after a CA that is already right.
 */
function nameMismatch(error: unknown): string | null {
  const e = error as { host?: unknown; cert?: { subject?: { CN?: unknown }; subjectaltname?: unknown } };
  const san = typeof e?.cert?.subjectaltname === 'string' ? e.cert.subjectaltname : '';
  const dns = /(?:^|,\s*)DNS:([^,\s]+)/.exec(san)?.[1];
  const cn = e?.cert?.subject?.CN;
  const issuedTo = dns ?? (typeof cn === 'string' && cn !== '' ? cn : null);
  if (issuedTo === null) return null;
  const asked =
    typeof e.host === 'string' && e.host !== '' ? e.host.replace(/\.$/, '') : 'the name asked for';
  return `the controller’s TLS certificate is issued to ${issuedTo}, not to ${asked} (ERR_TLS_CERT_ALTNAME_INVALID); enter ${issuedTo} as the TLS server name, or use that name in the URL`;
}

/** `"00002071: samldb: … already in use! Code: 0x44"` → the controller's own words. */
export function diagnosticOf(message: string): string {
  return message.replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim();
}

function hasSubcode(text: string, subcode: string): boolean {
  return new RegExp(`\\b0*${subcode}\\b`, 'i').test(text);
}

function bindMessage(text: string): string {
  if (/data 52e/i.test(text)) return 'the bind user name or password is wrong';
  if (/data 533/i.test(text)) return 'the bind account is disabled';
  if (/data 701/i.test(text)) return 'the bind account has expired';
  if (/data 532/i.test(text)) return 'the bind account’s password has expired';
  if (/data 773/i.test(text)) return 'the bind account must change its password first';
  if (/data 775/i.test(text)) return 'the bind account is locked out';
  return 'the controller refused the bind user name or password';
}

function fromResultCode(resultCode: number, text: string): Omit<LdapFailure, 'resultCode' | 'ambiguous'> {
  const said = text === '' ? '' : ` (${text})`;
  const fail = (code: ErrorCode, message: string, retryable = false, unreachable = false) => ({
    code,
    message: message + said,
    retryable,
    unreachable,
    permanent: false,
  });
  switch (resultCode) {
    case 49:
      return fail('HRS_TARGET_AUTH', `${bindMessage(text)}; check the bind identity and password`);
    case 8:
    case 13:
      return fail(
        'HRS_TARGET_AUTH',
        'the controller requires an encrypted connection: use an ldaps:// URL, or ldap:// with StartTLS',
      );
    case 50:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'the bind account lacks the permission for this; delegate create, modify and move of user objects on the container to it',
      );
    case 51:
      return fail('HRS_TARGET_UNAVAILABLE', 'the controller is busy; hrsync tries again later', true);
    case 52:
      return fail(
        'HRS_TARGET_UNAVAILABLE',
        'the controller is unavailable; hrsync tries again later',
        true,
        true,
      );
    case 3:
    case 11:
      return fail(
        'HRS_TARGET_UNAVAILABLE',
        'the controller hit a time or administrative limit; try again',
        true,
      );
    case 68:
      // Samba: "sAMAccountName 'x' is already in use (implied by userPrincipalName)", for a UPN.
      if (/implied by userPrincipalName/i.test(text))
        return fail(
          'HRS_TARGET_WRITE_FAILED',
          'the userPrincipalName is how another account signs in (its sAMAccountName@domain, the implicit UPN of an account without one); choose another',
        );
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        hasSubcode(text, '2071') || /samaccountname/i.test(text)
          ? 'the sAMAccountName is already used by another user, group or computer of the domain'
          : 'an object with this name already exists in that container; make the cn unique (for example add the sAMAccountName)',
      );
    case 19:
      if (hasSubcode(text, '52D'))
        return fail(
          'HRS_TARGET_WRITE_FAILED',
          'the domain’s password policy refused the initial password; check the policy’s minimum length and history',
        );
      if (/implied by sAMAccountName/i.test(text))
        return fail(
          'HRS_TARGET_WRITE_FAILED',
          'the sAMAccountName would sign in as sAMAccountName@domain, which another account holds as its userPrincipalName; choose another',
        );
      if (hasSubcode(text, '202F') || /already in use/i.test(text))
        return fail('HRS_TARGET_WRITE_FAILED', 'the userPrincipalName is already used in the forest');
      if (hasSubcode(text, '20B5'))
        return fail('HRS_TARGET_WRITE_FAILED', 'the manager’s account was not found in the directory');
      if (hasSubcode(text, '200B') || /CONSTRAINT_ATT_TYPE/i.test(text))
        return fail('HRS_TARGET_WRITE_FAILED', 'a value is longer than its attribute allows');
      return fail('HRS_TARGET_WRITE_FAILED', 'the controller refused a value (constraint violation)');
    case 20:
      return fail('HRS_TARGET_WRITE_FAILED', 'a single-valued attribute was given twice');
    case 21:
      return fail('HRS_TARGET_WRITE_FAILED', 'a value has the wrong form for its attribute, or is empty');
    case 16:
      return fail('HRS_TARGET_WRITE_FAILED', 'the attribute to change does not exist on the account');
    case 17:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'the attribute is not in the directory’s schema; remove it from the mapping',
      );
    case 32:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'the object or its container does not exist; check the container for new accounts and parentDistinguishedName',
      );
    case 34:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'a distinguished name is malformed; check the container settings',
      );
    case 53:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        hasSubcode(text, '2035')
          ? 'the controller refused the password: it must be sent quoted in UTF-16LE over an encrypted connection'
          : 'the controller is unwilling to do this (a protected attribute, or a password over an unencrypted connection)',
      );
    case 64:
    case 65:
    case 67:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'the change breaks the directory’s naming or object-class rules',
      );
    case 66:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        'the object has children and cannot be deleted or moved like this',
      );
    case 80:
      return fail(
        'HRS_TARGET_WRITE_FAILED',
        hasSubcode(text, '2095') || hasSubcode(text, '2089')
          ? 'the target container does not exist; check parentDistinguishedName and the container settings'
          : 'the controller reported an error',
      );
    default:
      return fail('HRS_TARGET_WRITE_FAILED', `the controller answered LDAP result ${resultCode}`);
  }
}

/** A controller the endpoint rule refuses: it is not tried again, now or on a retry. */
export function refusedEndpoint(message: string): LdapFailure {
  return {
    code: 'HRS_TARGET_UNREACHABLE',
    resultCode: null,
    retryable: false,
    ambiguous: false,
    unreachable: true,
    permanent: true,
    message,
  };
}

export function classifyLdapError(error: unknown): LdapFailure {
  // The connection's own verdict (no controller could be reached, a refused bind) is kept: read as
  // an unknown failure it became a refusal retrying cannot fix, and a person's write was quarantined
  // for a controller that was merely down.
  if (isHrsyncError(error))
    return {
      code: error.code,
      resultCode: null,
      retryable: error.retryable,
      ambiguous: false,
      unreachable: false,
      permanent: false,
      message: error.message,
    };
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (typeof e?.code === 'number') {
    const text = diagnosticOf(message);
    return { ...fromResultCode(e.code, text), resultCode: e.code, ambiguous: false };
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  // The connect-time endpoint rule refused every address of the controller's name (net/connect-guard.ts).
  if (code === LOCAL_ADDRESS_CODE) return refusedEndpoint(`the controller cannot be reached: ${message}`);
  // Only whether it can heal is asked; the words stay the directory's own.
  const permanent = classifyNetworkError(error, '').permanent;
  if (NETWORK_UNREACHABLE.has(code) || /Connection timeout/i.test(message)) {
    return {
      code: permanent ? 'HRS_TARGET_UNREACHABLE' : 'HRS_TARGET_UNAVAILABLE',
      resultCode: null,
      retryable: !permanent,
      ambiguous: false,
      unreachable: true,
      permanent,
      message: `the controller cannot be reached (${code || message}); ${UNREACHABLE_ADVICE[code] ?? 'check the URL, the firewall and that the controller runs'}`,
    };
  }
  if (TLS_TRUST.test(code) || TLS_TRUST.test(message)) {
    const mismatch = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? nameMismatch(error) : null;
    return {
      code: 'HRS_TARGET_AUTH',
      resultCode: null,
      retryable: false,
      ambiguous: false,
      unreachable: true,
      permanent: true,
      message:
        mismatch ??
        `the controller’s TLS certificate is not trusted (${code || message}); add its CA certificate, and a TLS server name when the URL is an IP address`,
    };
  }
  if (NETWORK_LOST.has(code) || /socket|closed|timeout/i.test(message)) {
    return {
      code: 'HRS_TARGET_UNAVAILABLE',
      resultCode: null,
      retryable: true,
      ambiguous: true,
      unreachable: true,
      permanent: false,
      message: `the connection to the controller was lost (${code || message})`,
    };
  }
  return {
    code: 'HRS_TARGET_WRITE_FAILED',
    resultCode: null,
    retryable: false,
    ambiguous: false,
    unreachable: false,
    permanent: false,
    message,
  };
}
