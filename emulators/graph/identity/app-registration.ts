import { createHash, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';

/** Application permissions (app roles on Microsoft Graph) an emulated app can be granted. */
export const KNOWN_PERMISSIONS = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'User-LifeCycleInfo.Read.All',
  'User-LifeCycleInfo.ReadWrite.All',
  'Organization.Read.All',
  'Domain.Read.All',
  'LicenseAssignment.ReadWrite.All',
] as const;

/** What an app gets when its permissions are not configured: everything hrsync needs. */
export const DEFAULT_PERMISSIONS: readonly string[] = [
  'User.ReadWrite.All',
  'User.Read.All',
  'Directory.Read.All',
  'GroupMember.ReadWrite.All',
  'User-LifeCycleInfo.ReadWrite.All',
  'Organization.Read.All',
];

export interface AppRegistrationInput {
  readonly clientId: string;
  /** Generated when absent. */
  readonly clientSecret?: string;
  /** PEM certificates (public part) whose keys may sign client assertions. */
  readonly certificates?: readonly string[];
  /** Application permissions; default {@link DEFAULT_PERMISSIONS}. */
  readonly permissions?: readonly string[];
  readonly displayName?: string;
  /** Web redirect URIs for sign-in (authorization code flow); compared exactly, as Entra does. */
  readonly redirectUris?: readonly string[];
}

export interface RegisteredCertificate {
  readonly pem: string;
  /** base64url SHA-1 of the DER, as in a JWT `x5t` header */
  readonly x5t: string;
  /** base64url SHA-256 of the DER, as in a JWT `x5t#S256` header */
  readonly x5tS256: string;
  readonly certificate: X509Certificate;
}

export interface AppRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly certificates: readonly RegisteredCertificate[];
  readonly permissions: readonly string[];
  readonly displayName: string;
  /** Object id of the app's service principal in the tenant: the `oid` of its tokens. */
  readonly servicePrincipalId: string;
  /** Sign-in redirect URIs (mutable: a test adds the service's URL once it listens). */
  readonly redirectUris: Set<string>;
  /** App roles assigned to users (user id → role values), issued in ID tokens' `roles`. */
  readonly appRoleAssignments: Map<string, string[]>;
}

export function registerApp(input: AppRegistrationInput, servicePrincipalId: string): AppRegistration {
  const permissions = input.permissions ?? DEFAULT_PERMISSIONS;
  const unknown = permissions.filter((p) => !(KNOWN_PERMISSIONS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`Unknown Graph application permission(s): ${unknown.join(', ')}`);
  return {
    clientId: input.clientId.toLowerCase(),
    clientSecret: input.clientSecret ?? generateClientSecret(),
    certificates: (input.certificates ?? []).flatMap(splitPemCertificates).map(describeCertificate),
    permissions: [...permissions],
    displayName: input.displayName ?? 'hrsync',
    servicePrincipalId,
    redirectUris: new Set(input.redirectUris ?? []),
    appRoleAssignments: new Map(),
  };
}

/** Entra-like secret: 40 characters including `~` and `.`. */
export function generateClientSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-';
  const bytes = randomBytes(40);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function secretMatches(app: AppRegistration, presented: string): boolean {
  const a = Buffer.from(app.clientSecret);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function describeCertificate(pem: string): RegisteredCertificate {
  const certificate = new X509Certificate(pem);
  return {
    pem,
    certificate,
    x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
  };
}

/** Each certificate of a PEM text; throws when there is none or one does not parse. */
export function certificatesIn(text: string): RegisteredCertificate[] {
  return splitPemCertificates(text).map(describeCertificate);
}

function splitPemCertificates(text: string): string[] {
  const found = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!found) throw new Error('No PEM certificate found in the given certificate text');
  return found;
}
