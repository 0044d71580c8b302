/**
 * Turns a tenant request body into stored fields: credentials become encrypted secrets and the
 * tenant keeps only their ids. Leaving credentials out of an update keeps the stored ones.
 */
import type { Static } from '@sinclair/typebox';
import { fieldLabel, type NewTenantBody, type TenantPatchBody } from '../../contracts/index.ts';
import {
  containerOutsideBaseDn,
  DIRECTORY_URL_FORM,
  DIRECTORY_URL_PATTERN,
  dnProblem,
  type EndpointPolicy,
  type ErrorDetail,
  endpointProblem,
  HrsyncError,
  looksLikeDn,
  lowerCaseSchemeAndHost,
  portProblem,
  sameEndpoint,
  secretRebindProblem,
} from '../../core/index.ts';
import type { Store, Tenant, TenantCredentialRef, TenantDirectory, TenantFields } from '../../store/index.ts';

type Body = Partial<Static<typeof NewTenantBody>>;
type PatchBody = Static<typeof TenantPatchBody>;
type DirectoryInput = NonNullable<Body['directory']>;

/** What a tenant without directory settings must be sent, in the order the form shows them. */
const REQUIRED_DIRECTORY = ['urls', 'bindUser', 'container'] as const;

/**
 * The body with its directory settings whole: a change names only what changes (PATCH), so each
 * field it leaves out keeps the stored value and `null` clears an optional one. The bind password is
 * never stored in the clear: left out, the stored one is kept (by the rules of checkDirectory). A
 * tenant with no directory settings yet must be sent the required ones, each named as the form
 * labels it.
 */
export function withWholeDirectory(body: PatchBody | Body, before: Tenant | null): Body {
  const patch = body.directory;
  if (patch === undefined) return body as Body;
  const stored = before?.type === 'hybrid' ? (before.directory ?? null) : null;
  const kept: Partial<DirectoryInput> =
    stored === null
      ? {}
      : {
          urls: [...stored.urls],
          caCertificate: stored.caCertificate,
          tlsServerName: stored.tlsServerName,
          bindUser: stored.bindUser,
          baseDn: stored.baseDn,
          container: stored.container,
          disabledContainer: stored.disabledContainer,
          upnSuffixes: [...stored.upnSuffixes],
          mustChangePassword: stored.mustChangePassword,
        };
  const merged: Partial<DirectoryInput> = { ...kept };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const missing = REQUIRED_DIRECTORY.filter((k) => merged[k] === undefined);
  if (missing.length > 0) {
    const names = missing.map((k) => `${fieldLabel(k)} (${k})`);
    const why =
      stored === null
        ? 'the tenant has no directory settings yet'
        : 'they are part of the directory settings';
    throw new HrsyncError(
      'HRS_VALIDATION',
      `The directory settings were refused: ${why}, so they need ${names.join(', ').replace(/, ([^,]*)$/, ' and $1')}; a later change may send only what changes.`,
      {
        details: missing.map((k) => ({
          path: `/directory/${k}`,
          message: `is required: ${why}`,
        })),
      },
    );
  }
  return { ...body, directory: merged as DirectoryInput } as Body;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

export interface TenantInput {
  readonly fields: TenantFields;
  /** Secrets replaced by this change, to destroy once it is stored. */
  readonly replacedSecretIds: readonly string[];
  readonly credentialChanged: boolean;
}

function secretIds(ref: TenantCredentialRef | null): string[] {
  if (ref === null) return [];
  return ref.type === 'secret' ? [ref.secretId] : [ref.certificateId, ref.privateKeyId];
}

export async function tenantInput(
  store: Store,
  organisationId: string,
  patch: Body | PatchBody,
  before: Tenant | null,
  policy: EndpointPolicy,
): Promise<TenantInput> {
  const body = withWholeDirectory(patch, before);
  checkCredentialFields(body);
  const domains = body.verifiedDomains ?? before?.verifiedDomains ?? [];
  const customerId = body.customerId ?? before?.customerId;
  const customer = customerId === undefined ? null : await store.customers.get(organisationId, customerId);
  if (!customer)
    throw new HrsyncError(
      'HRS_NOT_FOUND',
      `Customer ${customerId ?? ''} was not found in your organisation.`,
    );
  // Stored with scheme and host in lower case (RFC 3986: both are case-insensitive), so that the
  // endpoint a secret was saved for is compared like with like.
  const authorityHost = lowerCaseSchemeAndHost(
    body.authorityHost ?? before?.authorityHost ?? DEFAULT_AUTHORITY_HOST,
  );
  const graphBaseUrl = lowerCaseSchemeAndHost(
    body.graphBaseUrl ?? before?.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL,
  );
  checkEndpoints(policy, body, before, authorityHost, graphBaseUrl);
  const type = body.type ?? before?.type ?? 'cloud';
  checkDirectory(type, body, before, policy);
  // Only now, with every check passed, is anything stored: a refused request leaves no secret behind.
  let credential = before?.credential ?? null;
  if (body.clientSecret !== undefined) {
    credential = { type: 'secret', secretId: await store.secrets.put(organisationId, body.clientSecret) };
  } else if (body.certificate !== undefined && body.privateKey !== undefined) {
    credential = {
      type: 'certificate',
      certificateId: await store.secrets.put(organisationId, body.certificate),
      privateKeyId: await store.secrets.put(organisationId, body.privateKey),
    };
  }
  let directory: TenantDirectory | null = type === 'hybrid' ? (before?.directory ?? null) : null;
  const oldBindPassword = before?.directory?.bindPasswordSecretId ?? null;
  if (type === 'hybrid' && body.directory !== undefined) {
    const d = body.directory;
    const bindPasswordSecretId =
      d.bindPassword !== undefined
        ? await store.secrets.put(organisationId, d.bindPassword)
        : oldBindPassword;
    directory = {
      urls: d.urls.map(lowerCaseSchemeAndHost),
      caCertificate: d.caCertificate ?? null,
      tlsServerName: d.tlsServerName ?? null,
      bindUser: d.bindUser.trim(),
      bindPasswordSecretId,
      baseDn: d.baseDn ?? null,
      container: d.container.trim(),
      disabledContainer: d.disabledContainer ?? null,
      upnSuffixes: [...new Set((d.upnSuffixes ?? []).map((s) => s.toLowerCase()))],
      mustChangePassword: d.mustChangePassword ?? true,
    };
  }
  const newBindPassword = directory?.bindPasswordSecretId ?? null;
  const bindPasswordReplaced = oldBindPassword !== null && oldBindPassword !== newBindPassword;
  const credentialChanged =
    credential !== (before?.credential ?? null) || oldBindPassword !== newBindPassword;
  return {
    fields: {
      customerId: customer.id,
      name: (body.name ?? before?.name ?? '').trim(),
      type,
      directoryId: body.directoryId ?? before?.directoryId ?? '',
      verifiedDomains: [...new Set(domains.map((d) => d.toLowerCase()))],
      clientId: body.clientId ?? before?.clientId ?? null,
      credential,
      authorityHost,
      graphBaseUrl,
      directory,
      subscriptionActive: body.subscriptionActive ?? before?.subscriptionActive ?? false,
    },
    replacedSecretIds: [
      ...(credential !== (before?.credential ?? null) ? secretIds(before?.credential ?? null) : []),
      ...(bindPasswordReplaced ? [oldBindPassword] : []),
    ],
    credentialChanged,
  };
}

/** A client secret, or a certificate with its private key: never both, never half of a pair. */
export function checkCredentialFields(body: Body): void {
  if (body.clientSecret !== undefined && (body.certificate !== undefined || body.privateKey !== undefined)) {
    throw new HrsyncError(
      'HRS_VALIDATION',
      'Send either clientSecret, or certificate and privateKey; not both.',
      {
        details: [{ path: '/clientSecret', message: 'cannot be combined with a certificate' }],
      },
    );
  }
  if ((body.certificate === undefined) !== (body.privateKey === undefined)) {
    throw new HrsyncError('HRS_VALIDATION', 'A certificate needs its private key, and the other way round.', {
      details: [
        {
          path: body.certificate === undefined ? '/certificate' : '/privateKey',
          message: 'is required with the other',
        },
      ],
    });
  }
}

/**
 * The authority and Graph hosts must be official (or allowed by the server setting), and a change of
 * either while a credential is stored must enter the credential again: the client secret is posted to
 * the authority, and the token it buys is sent to Graph.
 */
export function checkEndpoints(
  policy: EndpointPolicy,
  body: Body,
  before: Tenant | null,
  authorityHost: string,
  graphBaseUrl: string,
): void {
  const problems: ErrorDetail[] = [];
  const changedAuthority = before === null || !sameEndpoint(before.authorityHost, authorityHost);
  const changedGraph = before === null || !sameEndpoint(before.graphBaseUrl, graphBaseUrl);
  const authorityProblem = changedAuthority ? endpointProblem('authority', authorityHost, policy) : null;
  if (authorityProblem) problems.push({ path: '/authorityHost', message: authorityProblem });
  const graphProblem = changedGraph ? endpointProblem('graph', graphBaseUrl, policy) : null;
  if (graphProblem) problems.push({ path: '/graphBaseUrl', message: graphProblem });
  const rebind = secretRebindProblem({
    endpointChanged: before !== null && (changedAuthority || changedGraph),
    secretStored: before?.credential != null,
    secretEntered: body.clientSecret !== undefined || body.certificate !== undefined,
    secretName: 'the client secret (or certificate and private key)',
  });
  if (rebind) problems.push({ path: '/clientSecret', message: rebind });
  if (problems.length > 0) {
    throw new HrsyncError(
      'HRS_VALIDATION',
      `The tenant's endpoints were refused: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { details: problems },
    );
  }
}

/**
 * Directory settings belong to hybrid tenants only. A stored bind password is only ever sent to the
 * controllers it was saved for: changing the URLs, the CA or the TLS server name needs the password
 * again in the same request (the same rule as the Graph and AFAS endpoints), and the URLs must pass
 * the endpoint policy. Only an admin changes a tenant at all (the contract's access).
 */
export function checkDirectory(
  type: Tenant['type'],
  body: Body,
  before: Tenant | null,
  policy: EndpointPolicy,
): void {
  const problems: ErrorDetail[] = [];
  const d = body.directory;
  if (d !== undefined && type !== 'hybrid') {
    problems.push({ path: '/directory', message: 'only a hybrid tenant has directory settings' });
  }
  if (d !== undefined && type === 'hybrid') {
    const old = before?.directory ?? null;
    // The form first (any case of ldaps:// or ldap://, RFC 3986); the endpoint rules below judge only
    // URLs of that form, so each URL gets one reason.
    const form = new RegExp(DIRECTORY_URL_PATTERN);
    const malformed = new Set<number>();
    d.urls.forEach((url, i) => {
      if (form.test(url)) return;
      malformed.add(i);
      problems.push({
        path: `/directory/urls/${i}`,
        message: `expected ${DIRECTORY_URL_FORM} (got "${url}")`,
      });
    });
    const endpointChanged =
      old !== null &&
      (old.urls.join(' ').toLowerCase() !== d.urls.join(' ').toLowerCase() ||
        (old.caCertificate ?? null) !== (d.caCertificate ?? null) ||
        (old.tlsServerName ?? null) !== (d.tlsServerName ?? null));
    const rebind = secretRebindProblem({
      endpointChanged,
      secretStored: old?.bindPasswordSecretId != null,
      secretEntered: d.bindPassword !== undefined,
      secretName: 'the bind password',
    });
    const urlsChanged = old === null || old.urls.join(' ').toLowerCase() !== d.urls.join(' ').toLowerCase();
    // Behind directory agents the bind password is entered on each agent and never reaches the service.
    if (before?.directoryViaAgents === true) {
      // An agent binds from the customer's network, so the service's host rules do not apply; a port
      // that cannot exist is still wrong wherever the controller is.
      if (urlsChanged)
        d.urls.forEach((url, i) => {
          const problem = malformed.has(i) ? null : portProblem('directory', url);
          if (problem) problems.push({ path: `/directory/urls/${i}`, message: problem });
        });
      if (d.bindPassword !== undefined) {
        problems.push({
          path: '/directory/bindPassword',
          message:
            'this tenant reaches its directory through agents: enter the bind password on each agent (hrsync agent set-bind-password), not here',
        });
      }
    } else {
      // The service binds to these controllers itself: each must be a directory endpoint the server
      // allows (ldaps:// or ldap:// with StartTLS; never this machine or a link-local address unless
      // HRSYNC_ALLOWED_ENDPOINT_HOSTS says so), checked whenever the URLs or the password change.
      if (urlsChanged || d.bindPassword !== undefined) {
        d.urls.forEach((url, i) => {
          const problem = malformed.has(i) ? null : endpointProblem('directory', url, policy);
          if (problem) problems.push({ path: `/directory/urls/${i}`, message: problem });
        });
      }
      if (rebind) problems.push({ path: '/directory/bindPassword', message: rebind });
      if (old?.bindPasswordSecretId == null && d.bindPassword === undefined) {
        problems.push({ path: '/directory/bindPassword', message: 'enter the bind account’s password' });
      }
    }
    // The DNs as the domain controller will parse them (RFC 4514), each refusal naming the RDN.
    for (const field of ['baseDn', 'container', 'disabledContainer'] as const) {
      const dn = d[field];
      const problem = typeof dn === 'string' ? dnProblem(dn) : null;
      if (problem)
        problems.push({ path: `/directory/${field}`, message: `not a distinguished name: ${problem}` });
    }
    // The rule the connection's configuration check applies (core/directory-placement.ts), said here.
    for (const field of ['container', 'disabledContainer'] as const) {
      const outside = containerOutsideBaseDn(d[field], d.baseDn);
      if (outside) problems.push({ path: `/directory/${field}`, message: outside });
    }
    const bindProblem = looksLikeDn(d.bindUser) ? dnProblem(d.bindUser) : null;
    if (bindProblem)
      problems.push({ path: '/directory/bindUser', message: `not a distinguished name: ${bindProblem}` });
    if (d.caCertificate && !/-----BEGIN CERTIFICATE-----/.test(d.caCertificate)) {
      problems.push({
        path: '/directory/caCertificate',
        message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)',
      });
    }
  }
  if (problems.length > 0) {
    throw new HrsyncError(
      'HRS_VALIDATION',
      `The directory settings were refused: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { details: problems },
    );
  }
}
