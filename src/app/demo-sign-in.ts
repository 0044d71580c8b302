/**
 * The demo's "Sign in with Microsoft": the MSP's own Entra tenant (a second identity emulator, apart
 * from the customer's tenant that the connection provisions), with two colleagues whose groups map
 * to Administrator and Operator. The demo organisation is linked to it through the API, as an
 * administrator would do on the Organisation page, so the sign-in page's button works at once.
 */
import { join } from 'node:path';
import { startGraphEmulator } from '../../emulators/graph/index.ts';
import { pathFor, setMicrosoftSignIn, signIn } from '../contracts/index.ts';
import type { RunningService } from './serve.ts';

export const DEMO_ENTRA_TENANT = '5d3a9c1e-7b2f-4e8a-9c41-0d2e6f8a1b3c';
const ADMINS_GROUP = '9a1f6c2d-3e4b-4a5c-8d7e-1f2a3b4c5d6e';
const OPERATORS_GROUP = '2b8e4d1a-6c3f-4b7e-9a2d-5e1f0c3b8a7d';
export const DEMO_ENTRA_ADMIN = 'sanne.devries@demo-msp.nl';
export const DEMO_ENTRA_OPERATOR = 'tom.bakker@demo-msp.nl';

const person = (id: string, upn: string, displayName: string, givenName: string, surname: string) => ({
  id,
  userPrincipalName: upn,
  displayName,
  givenName,
  surname,
  mailNickname: upn.split('@')[0] ?? upn,
  accountEnabled: true,
  mail: upn,
});

export type DemoIdentity = Awaited<ReturnType<typeof startDemoIdentity>>;

/** The MSP's Entra tenant; HTTPS with the same test CA as the customer's emulator (same folder). */
export async function startDemoIdentity(demoDir: string) {
  const sanne = 'e1a2b3c4-0000-4000-8000-00000000a001';
  const tom = 'e1a2b3c4-0000-4000-8000-00000000a002';
  return startGraphEmulator({
    tenant: {
      tenantId: DEMO_ENTRA_TENANT,
      displayName: 'Demo MSP',
      domains: [
        { id: 'demo-msp.nl', isVerified: true, isDefault: true },
        { id: 'demomsp.onmicrosoft.com', isVerified: true, isDefault: false },
      ],
      users: [
        person(sanne, DEMO_ENTRA_ADMIN, 'Sanne de Vries', 'Sanne', 'de Vries'),
        person(tom, DEMO_ENTRA_OPERATOR, 'Tom Bakker', 'Tom', 'Bakker'),
      ],
      groups: [
        { id: ADMINS_GROUP, displayName: 'hrsync administrators', members: [sanne] },
        { id: OPERATORS_GROUP, displayName: 'hrsync operators', members: [tom] },
      ],
      subscribedSkus: [],
    },
    apps: [{ clientId: '3c7d2e9f-4a1b-4c8d-9e2f-6a5b4c3d2e1f', displayName: 'hrsync sign-in' }],
    port: null,
    httpsPort: 0,
    tlsDir: join(demoDir, 'tls'),
  });
}

/** Links the demo organisation to the MSP's Entra tenant, signed in as the demo admin. */
export async function linkDemoSignIn(
  service: RunningService,
  identity: DemoIdentity,
  admin: { readonly email: string; readonly password: string },
): Promise<void> {
  const app = identity.apps[0];
  if (!app) throw new Error('the identity emulator started without an app registration');
  identity.state.apps
    .get(app.clientId.toLowerCase())
    ?.redirectUris.add(`${service.url}/api/v1/session/microsoft/callback`);
  const login = await service.app.inject({ method: 'POST', url: pathFor(signIn), payload: admin });
  const cookie = login.cookies.find((c) => c.name === 'hrsync_session');
  if (login.statusCode !== 200 || !cookie) throw new Error(`demo sign-in failed: ${login.body}`);
  const res = await service.app.inject({
    method: setMicrosoftSignIn.method,
    url: pathFor(setMicrosoftSignIn),
    headers: { cookie: `hrsync_session=${cookie.value}` },
    payload: {
      enabled: true,
      tenantId: identity.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authorityHost: identity.url,
      mappings: [
        { claim: 'groups', value: ADMINS_GROUP, role: 'admin' },
        { claim: 'groups', value: OPERATORS_GROUP, role: 'operator' },
      ],
    },
  });
  if (res.statusCode !== 200)
    throw new Error(`demo setup: Microsoft sign-in answered ${res.statusCode}: ${res.body}`);
}
