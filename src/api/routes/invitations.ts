/**
 * Invitations (README, Users and invitations): an administrator invites a colleague by e-mail with a
 * role; the colleague opens a one-time link (its token kept only as a SHA-256, valid 7 days), sets
 * a password with the usual strength rules — or signs in with Microsoft when the organisation has
 * it — and becomes a user. Pending invitations can be resent (a new link; the old one dies) or
 * revoked. Without a mail server the administrator gets the link to hand over. The public accept
 * endpoints are rate limited per address and only ever speak of the invitation the token opens.
 */
import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import {
  acceptInvitation,
  acceptInvitationWithMicrosoft,
  createInvitation,
  formatInstant,
  listInvitations,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
} from '../../contracts/index.ts';
import { HrsyncError, type Role } from '../../core/index.ts';
import { type Invitation, isUniqueViolation, type Store } from '../../store/index.ts';
import { hashPassword, sha256 } from '../auth/credentials.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';
import { invitationMessage } from '../invitations/invitation-email.ts';
import { registerEndpoint } from '../route.ts';

export const INVITATION_DAYS = 7;
/** Per client address, preview + accept together: enough for a person, far too few for guessing. */
export const INVITATION_ATTEMPTS_PER_ADDRESS = 30;
/** Where the browser brings the invitation to the Microsoft sign-in callback (microsoft-sign-in.ts). */
export const INVITATION_COOKIE = 'hrsync_invitation';
const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'an administrator',
  operator: 'an operator',
  viewer: 'a viewer',
};
const PUBLIC_PATHS = new Set([
  previewInvitation.path,
  acceptInvitation.path,
  acceptInvitationWithMicrosoft.path,
]);

const LINK_DEAD =
  'This invitation link does not work: it was mistyped, replaced by a newer one, or already used. Ask your administrator for a new invitation.';

export const newInvitationToken = (): string => randomBytes(32).toString('base64url');

export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limitAddress = app.rateLimit({
    max: INVITATION_ATTEMPTS_PER_ADDRESS,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new HrsyncError(
        'HRS_RATE_LIMITED',
        `Too many invitation attempts from your address; try again in ${context.after}.`,
      ),
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && PUBLIC_PATHS.has(request.routeOptions.url as never))
      await limitAddress.call(app, request, reply);
  });

  const now = () => app.deps.clock.now();
  const expired = (i: Invitation) => Date.parse(i.expiresAt) <= Date.parse(now());

  const names = async (store: Store, organisationId: string, ids: readonly string[]) => {
    const users = await store.users.list(organisationId);
    const byId = new Map(users.map((u) => [u.id, u.name]));
    return (id: string) => byId.get(id) ?? (ids.includes(id) ? 'a former user' : 'an administrator');
  };

  const dto = (i: Invitation, invitedBy: string) => ({
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    invitedBy,
    createdAt: i.createdAt,
    sentAt: i.sentAt,
    sendCount: i.sendCount,
    expiresAt: i.expiresAt,
    expired: expired(i),
  });

  const linkFor = (origin: string, token: string) =>
    // In the fragment, so the token never reaches a server log or a Referer header.
    `${(app.deps.notifier.publicUrl ?? origin).replace(/\/+$/, '')}/#/invitation/${token}`;

  /** E-mails the link; answers whether it went out and, when not, the link to copy. */
  const deliver = async (
    invitation: Invitation,
    token: string,
    origin: string,
    invitedBy: string,
  ): Promise<{ emailed: boolean; message: string; link: string | null }> => {
    const link = linkFor(origin, token);
    const organisation = await app.deps.store.organisations.get(invitation.organisationId);
    const sent = await app.deps.notifier.mail(
      invitation.organisationId,
      invitationMessage({
        to: invitation.email,
        name: invitation.name,
        organisation: organisation?.name ?? 'your organisation',
        invitedBy,
        roleLabel: ROLE_WORDS[invitation.role],
        link,
        expiresAt: invitation.expiresAt,
        timeZone: organisation?.timeZone ?? 'UTC',
      }),
      false,
    );
    if (sent.ok)
      return { emailed: true, message: `The invitation was e-mailed to ${invitation.email}.`, link: null };
    return {
      emailed: false,
      message:
        sent.attempts === 0
          ? `Not e-mailed (${sent.error}). Copy the link and send it to ${invitation.email} yourself.`
          : `The invitation could not be e-mailed (${sent.error}). Copy the link and send it to ${invitation.email} yourself.`,
      link,
    };
  };

  const expiry = () => new Date(Date.parse(now()) + INVITATION_DAYS * 86_400_000).toISOString();
  const origin = (request: { protocol: string; host: string }) => `${request.protocol}://${request.host}`;

  registerEndpoint(app, listInvitations, async ({ caller, store, deps }) => {
    const items = await store.invitations.listPending(caller.organisationId);
    const nameOf = await names(
      store,
      caller.organisationId,
      items.map((i) => i.invitedBy),
    );
    const smtp = await deps.notifier.mailServerFor(caller.organisationId);
    return { items: items.map((i) => dto(i, nameOf(i.invitedBy))), mailServer: typeof smtp !== 'string' };
  });

  registerEndpoint(app, createInvitation, async ({ caller, store, body, request, audit }) => {
    const org = caller.organisationId;
    const email = body.email.trim().toLowerCase();
    // Only this organisation's own users and invitations are looked at: the answer says nothing
    // about whether the address exists elsewhere on this server.
    if ((await store.users.list(org)).some((u) => u.email === email)) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        `Your organisation already has a user with the e-mail address ${email}.`,
      );
    }
    if (await store.invitations.pendingFor(org, email)) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        `${email} already has a pending invitation; resend or revoke it under Users → Invitations.`,
      );
    }
    const token = newInvitationToken();
    const invitation = await store.invitations.create({
      organisationId: org,
      email,
      name: body.name.trim(),
      role: body.role,
      invitedBy: caller.actor.id ?? '',
      tokenHash: sha256(token),
      expiresAt: expiry(),
    });
    const by = caller.user?.name ?? caller.actor.name;
    const delivery = await deliver(invitation, token, origin(request), by);
    await audit('invitation.created', {
      message: `invited ${email} as ${body.role}; ${delivery.emailed ? 'e-mailed' : 'link handed to the administrator'}`,
      details: {
        invitationId: invitation.id,
        email,
        role: body.role,
        emailed: delivery.emailed,
        expiresAt: invitation.expiresAt,
      },
    });
    return { invitation: dto(invitation, by), ...delivery };
  });

  registerEndpoint(app, resendInvitation, async ({ caller, store, params, request, audit }) => {
    const org = caller.organisationId;
    const token = newInvitationToken();
    const invitation = await store.invitations.renew(org, params.id, sha256(token), expiry());
    if (!invitation) {
      throw new HrsyncError(
        'HRS_NOT_FOUND',
        `There is no pending invitation ${params.id} in your organisation.`,
      );
    }
    const by = caller.user?.name ?? caller.actor.name;
    const delivery = await deliver(invitation, token, origin(request), by);
    await audit('invitation.resent', {
      message: `invitation of ${invitation.email} sent again with a new link; ${delivery.emailed ? 'e-mailed' : 'link handed to the administrator'}`,
      details: {
        invitationId: invitation.id,
        email: invitation.email,
        emailed: delivery.emailed,
        sendCount: invitation.sendCount,
      },
    });
    const nameOf = await names(store, org, [invitation.invitedBy]);
    return { invitation: dto(invitation, nameOf(invitation.invitedBy)), ...delivery };
  });

  registerEndpoint(app, revokeInvitation, async ({ caller, store, params, audit }) => {
    const org = caller.organisationId;
    const invitation = await store.invitations.get(org, params.id);
    if (!invitation || !(await store.invitations.finish(org, params.id, 'revoked'))) {
      throw new HrsyncError(
        'HRS_NOT_FOUND',
        `There is no pending invitation ${params.id} in your organisation.`,
      );
    }
    await audit('invitation.revoked', {
      message: `invitation of ${invitation.email} revoked`,
      details: { invitationId: invitation.id, email: invitation.email },
    });
    const nameOf = await names(store, org, [invitation.invitedBy]);
    return dto({ ...invitation, status: 'revoked' }, nameOf(invitation.invitedBy));
  });

  /** The pending, unexpired invitation a token opens; otherwise a refusal that names no one else. */
  const open = async (token: string): Promise<Invitation> => {
    const invitation = await app.deps.store.invitations.byTokenHash(sha256(token));
    if (invitation?.status !== 'pending') throw new HrsyncError('HRS_NOT_FOUND', LINK_DEAD);
    if (expired(invitation)) {
      const zone = (await app.deps.store.organisations.get(invitation.organisationId))?.timeZone ?? 'UTC';
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `This invitation expired on ${formatInstant(invitation.expiresAt, zone)}. Ask your administrator to send it again.`,
      );
    }
    return invitation;
  };

  registerEndpoint(app, previewInvitation, async ({ body, store, audit }) => {
    const invitation = await open(body.token);
    await audit('invitation.opened', {
      organisationId: invitation.organisationId,
      actor: { type: 'user', id: null, name: invitation.email },
      message: `the invitation link of ${invitation.email} was opened`,
      details: { invitationId: invitation.id, email: invitation.email },
    });
    const [organisation, signIn] = await Promise.all([
      store.organisations.get(invitation.organisationId),
      store.microsoftSignIn.get(invitation.organisationId),
    ]);
    return {
      organisation: organisation?.name ?? '',
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      timeZone: organisation?.timeZone ?? 'UTC',
      microsoftSignIn: signIn?.enabled === true,
    };
  });

  registerEndpoint(app, acceptInvitation, async ({ body, store, audit }) => {
    const invitation = await open(body.token);
    const org = invitation.organisationId;
    const organisation = await store.organisations.get(org);
    const name = body.name?.trim() || invitation.name;
    assertStrongPassword(body.password, [invitation.email, name, organisation?.name ?? '']);
    const passwordHash = await hashPassword(body.password);
    const actor = { type: 'user' as const, id: null, name: invitation.email };
    const user = await store
      .transaction(async (tx) => {
        const created = await tx.users.create({
          organisationId: org,
          email: invitation.email,
          name,
          role: invitation.role,
          passwordHash,
        });
        // Two simultaneous accepts of one link: only one finishes the invitation; the other rolls back.
        if (!(await tx.invitations.finish(org, invitation.id, 'accepted', created.id))) {
          throw new HrsyncError('HRS_NOT_FOUND', LINK_DEAD);
        }
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new HrsyncError(
            'HRS_CONFLICT',
            `${invitation.email} already has an account in ${organisation?.name ?? 'this organisation'}: sign in with it instead.`,
          );
        }
        throw error;
      });
    const who = { ...actor, id: user.id };
    await audit('user.created', {
      organisationId: org,
      actor: who,
      message: `user ${user.email} created with role ${user.role} by accepting an invitation`,
      details: { userId: user.id, role: user.role, invitationId: invitation.id },
    });
    await audit('invitation.accepted', {
      organisationId: org,
      actor: who,
      message: `${user.email} accepted the invitation and set a password`,
      details: { invitationId: invitation.id, userId: user.id, role: user.role, method: 'password' },
    });
    return { email: user.email, organisation: organisation?.name ?? '' };
  });

  registerEndpoint(
    app,
    acceptInvitationWithMicrosoft,
    async ({ body, store, deps, request, reply, audit }) => {
      const invitation = await open(body.token);
      await audit('invitation.opened', {
        organisationId: invitation.organisationId,
        actor: { type: 'user', id: null, name: invitation.email },
        message: `${invitation.email} chose to accept the invitation by signing in with Microsoft`,
        details: { invitationId: invitation.id, method: 'microsoft' },
      });
      const settings = await store.microsoftSignIn.get(invitation.organisationId);
      if (!settings?.enabled) {
        throw new HrsyncError(
          'HRS_INVALID_STATE',
          'Your organisation does not sign in with Microsoft: choose a password instead.',
        );
      }
      reply.setCookie(INVITATION_COOKIE, body.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies === 'auto' ? request.protocol === 'https' : deps.secureCookies,
        path: '/api/v1/session/microsoft',
        maxAge: 900,
      });
      return {
        startUrl: `/api/v1/session/microsoft/start?organisation=${encodeURIComponent(invitation.organisationId)}`,
      };
    },
  );
}
