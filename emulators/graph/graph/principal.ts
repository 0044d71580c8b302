import type { AccessTokenClaims } from '../identity/token-signer.ts';
import { insufficientPrivileges } from './graph-error.ts';

/** The calling app as its access token describes it. */
export interface Principal {
  readonly appId: string;
  readonly tenantId: string;
  readonly roles: ReadonlySet<string>;
}

export function principalFrom(claims: AccessTokenClaims): Principal {
  return { appId: claims.appid, tenantId: claims.tid, roles: new Set(claims.roles) };
}

/** Application permissions that allow each kind of operation (any one suffices). */
export const PERMISSIONS = {
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readLifecycle: ['User-LifeCycleInfo.Read.All', 'User-LifeCycleInfo.ReadWrite.All'],
  writeLifecycle: ['User-LifeCycleInfo.ReadWrite.All'],
  readGroups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeGroups: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  writeGroupMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  assignLicenses: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readOrganization: ['Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readDomains: ['Domain.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readLicenses: [
    'Organization.Read.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'LicenseAssignment.ReadWrite.All',
  ],
} as const satisfies Record<string, readonly string[]>;

export function requirePermission(principal: Principal, anyOf: readonly string[]): void {
  if (!anyOf.some((role) => principal.roles.has(role))) throw insufficientPrivileges();
}
