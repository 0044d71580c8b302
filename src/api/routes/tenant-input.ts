/**
 * Turns a tenant request body into stored fields: credentials become encrypted secrets and the
 * tenant keeps only their ids. Leaving credentials out of an update keeps the stored ones.
 */
import type { Static } from '@sinclair/typebox';
import type { NewTenantBody } from '../../contracts/index.ts';
import {
  type EndpointPolicy,
  type ErrorDetail,
  endpointProblem,
  HrsyncError,
  sameEndpoint,
  secretRebindProblem,
} from '../../core/index.ts';
import type { Store, Tenant, TenantCredentialRef, TenantFields } from '../../store/index.ts';

type Body = Partial<Static<typeof NewTenantBody>>;

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
  body: Body,
  before: Tenant | null,
  policy: EndpointPolicy,
): Promise<TenantInput> {
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
  const domains = body.verifiedDomains ?? before?.verifiedDomains ?? [];
  const customerId = body.customerId ?? before?.customerId;
  const customer = customerId === undefined ? null : await store.customers.get(organisationId, customerId);
  if (!customer)
    throw new HrsyncError(
      'HRS_NOT_FOUND',
      `Customer ${customerId ?? ''} was not found in your organisation.`,
    );
  const authorityHost = body.authorityHost ?? before?.authorityHost ?? DEFAULT_AUTHORITY_HOST;
  const graphBaseUrl = body.graphBaseUrl ?? before?.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL;
  checkEndpoints(policy, body, before, authorityHost, graphBaseUrl);
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
  const credentialChanged = credential !== (before?.credential ?? null);
  return {
    fields: {
      customerId: customer.id,
      name: (body.name ?? before?.name ?? '').trim(),
      type: body.type ?? before?.type ?? 'cloud',
      directoryId: body.directoryId ?? before?.directoryId ?? '',
      verifiedDomains: [...new Set(domains.map((d) => d.toLowerCase()))],
      clientId: body.clientId ?? before?.clientId ?? null,
      credential,
      authorityHost,
      graphBaseUrl,
      subscriptionActive: body.subscriptionActive ?? before?.subscriptionActive ?? false,
    },
    replacedSecretIds: credentialChanged ? secretIds(before?.credential ?? null) : [],
    credentialChanged,
  };
}

/**
 * The authority and Graph hosts must be official (or allowed by the server setting), and a change of
 * either while a credential is stored must enter the credential again: the client secret is posted to
 * the authority, and the token it buys is sent to Graph.
 */
function checkEndpoints(
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
