import type { GraphUserRecord, TenantDataset } from '../demo-data/types.ts';
import { type RunningGraphEmulator, type StartGraphEmulatorOptions, startGraphEmulator } from './start.ts';

/** Hand-built fixtures for the emulator's own tests (independent of the demo-data generator). */
export const TENANT_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const CLIENT_SECRET = 'Emul8~ted.Secret_for-tests';
export const SKU_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const GROUP_ID = '2d7c4b1e-1111-4c2a-9b3d-5e6f7a8b9c0d';

export function user(n: number, extra: Partial<GraphUserRecord> = {}): GraphUserRecord {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    userPrincipalName: `user${n}@contoso.nl`,
    displayName: `User ${n}`,
    mailNickname: `user${n}`,
    accountEnabled: true,
    givenName: 'User',
    surname: String(n),
    mail: `user${n}@contoso.nl`,
    proxyAddresses: [`SMTP:user${n}@contoso.nl`],
    employeeId: String(1000 + n),
    department: n % 2 === 0 ? 'ICT' : 'Finance',
    ...extra,
  };
}

export function smallTenant(users: GraphUserRecord[] = [user(1), user(2), user(3)]): TenantDataset {
  return {
    tenantId: TENANT_ID,
    displayName: 'Contoso BV',
    domains: [
      { id: 'contoso.nl', isVerified: true, isDefault: true },
      { id: 'contoso.onmicrosoft.com', isVerified: true, isDefault: false },
      { id: 'unverified.example', isVerified: false, isDefault: false },
    ],
    users,
    groups: [{ id: GROUP_ID, displayName: 'All staff', members: [] }],
    subscribedSkus: [
      { skuId: SKU_E3, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 2 }, consumedUnits: 0 },
    ],
  };
}

export interface TestEmulator extends RunningGraphEmulator {
  /** A token for the default test app (all default permissions). */
  token(clientId?: string, secret?: string): Promise<string>;
  /** Calls Graph under `/v1.0` on the plain-HTTP side. */
  call(method: string, path: string, init?: CallInit): Promise<GraphCallResult>;
}

export interface CallInit {
  readonly token?: string | null;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface GraphCallResult {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected structurally
  readonly body: any;
}

export async function startTestEmulator(
  options: Partial<StartGraphEmulatorOptions> = {},
): Promise<TestEmulator> {
  const running = await startGraphEmulator({
    tenant: smallTenant(),
    apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    ...options,
  });
  const base = running.httpUrl ?? running.url;
  const tokens = new Map<string, string>();
  const token = async (clientId = CLIENT_ID, secret = CLIENT_SECRET) => {
    const cached = tokens.get(clientId);
    if (cached) return cached;
    const response = await fetch(`${base}/${running.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const json = (await response.json()) as { access_token?: string };
    if (!json.access_token) throw new Error(`No token: ${JSON.stringify(json)}`);
    tokens.set(clientId, json.access_token);
    return json.access_token;
  };
  const call = async (method: string, path: string, init: CallInit = {}): Promise<GraphCallResult> => {
    const headers: Record<string, string> = { ...init.headers };
    const bearer = init.token === undefined ? await token() : init.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${base}/v1.0${path}`, {
      method,
      headers,
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') ? JSON.parse(text) : text,
    };
  };
  return { ...running, token, call };
}

/** A body that passes POST /users validation. */
export function newUserBody(local: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: `New ${local}`,
    mailNickname: local,
    userPrincipalName: `${local}@contoso.nl`,
    passwordProfile: { password: 'Welkom-2025!x', forceChangePasswordNextSignIn: true },
    ...extra,
  };
}
