/**
 * "Test credentials" for the Graph target: a token, the permissions in it, a read of the users, and the
 * UPN domain verified in the tenant. Every check is reported, so the administrator fixes all at once.
 */
import { isHrsyncError, plural } from '../../core/index.ts';
import { isObject } from './graph-errors.ts';
import type { GraphHttp } from './graph-http.ts';
import { tokenRoles } from './graph-token.ts';

export interface GraphCheck {
  readonly name: string;
  readonly ok: boolean;
  /** A failed optional check is a warning: hrsync works, one feature does not. */
  readonly required: boolean;
  readonly message: string;
}

const WRITE_USERS = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const LIFECYCLE = 'User-LifeCycleInfo.ReadWrite.All';

export async function checkGraphConnection(
  http: GraphHttp,
  defaultDomain: string,
): Promise<{ ok: boolean; message: string; details: { checks: GraphCheck[]; roles: string[] } }> {
  const checks: GraphCheck[] = [];
  const check = (name: string, ok: boolean, message: string, required = true) =>
    checks.push({ name, ok, required, message });
  let roles: string[] = [];
  try {
    roles = tokenRoles(await http.tokens.token());
    check('token', true, 'The identity platform issued a token for the app.');
  } catch (error) {
    check('token', false, messageOf(error));
  }
  if (checks[0]?.ok) {
    const canWrite = roles.some((r) => WRITE_USERS.includes(r));
    check(
      'permission:users',
      canWrite,
      canWrite
        ? `The app may write users (${roles.filter((r) => WRITE_USERS.includes(r)).join(', ')}).`
        : `The token grants ${roles.length > 0 ? roles.join(', ') : 'no application permissions'}; grant User.ReadWrite.All with admin consent.`,
    );
    check(
      'permission:lifecycle',
      roles.includes(LIFECYCLE),
      roles.includes(LIFECYCLE)
        ? `The app may write employeeLeaveDateTime (${LIFECYCLE}).`
        : `Without ${LIFECYCLE} a mapping of employeeLeaveDateTime fails; grant it or remove that mapping.`,
      false,
    );
    try {
      await http.get('/users?$top=1&$select=id', { what: 'GET users' });
      check('read:users', true, 'Users can be read.');
    } catch (error) {
      check('read:users', false, messageOf(error));
    }
    try {
      const body = await http.get('/domains?$select=id,isVerified,isDefault', { what: 'GET domains' });
      const domains = isObject(body) && Array.isArray(body.value) ? body.value.filter(isObject) : [];
      const found = domains.find((d) => String(d.id).toLowerCase() === defaultDomain.toLowerCase());
      const ok = found?.isVerified === true;
      check(
        'domain',
        ok,
        ok
          ? `${defaultDomain} is a verified domain of the tenant.`
          : found
            ? `${defaultDomain} is in the tenant but not verified; UPNs must end in a verified domain.`
            : `${defaultDomain} is not a domain of the tenant (${domains.map((d) => String(d.id)).join(', ')}).`,
      );
    } catch (error) {
      check(
        'domain',
        false,
        `${messageOf(error)} (reading domains needs Domain.Read.All or Directory.Read.All)`,
        false,
      );
    }
  }
  const failed = checks.filter((c) => !c.ok && c.required);
  const warnings = checks.filter((c) => !c.ok && !c.required);
  const message =
    failed.length > 0
      ? `Microsoft Graph connection has ${plural(failed.length, 'problem')}: ${failed.map((c) => c.message).join(' ')}`
      : warnings.length > 0
        ? `Microsoft Graph connection works, with warnings: ${warnings.map((c) => c.message).join(' ')}`
        : 'Microsoft Graph connection works.';
  return { ok: failed.length === 0, message, details: { checks, roles } };
}

const messageOf = (error: unknown): string =>
  isHrsyncError(error) || error instanceof Error ? error.message : String(error);
