import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  AcceptedInvitationDto,
  AcceptInvitationBody,
  InvitationDeliveryDto,
  InvitationDto,
  InvitationListDto,
  InvitationPreviewDto,
  InvitationTokenBody,
  MicrosoftInvitationDto,
  NewInvitationBody,
} from '../schemas/invitations.ts';

const tag = 'Access';

export const listInvitations = endpoint({
  operationId: 'listInvitations',
  method: 'GET',
  path: '/api/v1/invitations',
  summary: 'Pending invitations of your organisation (expired ones included, to resend or revoke)',
  tag,
  access: 'admin',
  status: 200,
  response: InvitationListDto,
  errors: [],
  audit: 'read-only',
});

export const createInvitation = endpoint({
  operationId: 'createInvitation',
  method: 'POST',
  path: '/api/v1/invitations',
  summary:
    'Invite a colleague by e-mail with a role: a one-time link, valid 7 days, e-mailed — or returned to copy when no mail server is set',
  tag,
  access: 'admin',
  body: NewInvitationBody,
  status: 201,
  response: InvitationDeliveryDto,
  errors: ['HRS_CONFLICT'],
  audit: ['invitation.created'],
});

export const resendInvitation = endpoint({
  operationId: 'resendInvitation',
  method: 'POST',
  path: '/api/v1/invitations/:id/resend',
  summary: 'Send a pending invitation again with a new link (the old link stops working) and a new expiry',
  tag,
  access: 'admin',
  params: IdParams,
  status: 200,
  response: InvitationDeliveryDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['invitation.resent'],
});

export const revokeInvitation = endpoint({
  operationId: 'revokeInvitation',
  method: 'DELETE',
  path: '/api/v1/invitations/:id',
  summary: 'Revoke a pending invitation; its link stops working at once',
  tag,
  access: 'admin',
  params: IdParams,
  status: 200,
  response: InvitationDto,
  errors: ['HRS_NOT_FOUND'],
  audit: ['invitation.revoked'],
});

export const previewInvitation = endpoint({
  operationId: 'previewInvitation',
  method: 'POST',
  path: '/api/v1/invitations/preview',
  summary: 'What an invitation link is for (organisation, address, role), for the accept page; rate limited',
  tag,
  access: 'public',
  body: InvitationTokenBody,
  status: 200,
  response: InvitationPreviewDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_RATE_LIMITED'],
  audit: ['invitation.opened'],
});

export const acceptInvitation = endpoint({
  operationId: 'acceptInvitation',
  method: 'POST',
  path: '/api/v1/invitations/accept',
  summary:
    'Accept an invitation with a password (the usual strength rules): creates the user; then sign in. Rate limited',
  tag,
  access: 'public',
  body: AcceptInvitationBody,
  status: 200,
  response: AcceptedInvitationDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_CONFLICT', 'HRS_RATE_LIMITED'],
  audit: ['invitation.accepted', 'user.created'],
});

export const acceptInvitationWithMicrosoft = endpoint({
  operationId: 'acceptInvitationWithMicrosoft',
  method: 'POST',
  path: '/api/v1/invitations/microsoft',
  summary:
    'Accept an invitation by signing in with Microsoft (when the organisation has it on): remembers the invitation in a short-lived cookie and answers where to go',
  tag,
  access: 'public',
  body: InvitationTokenBody,
  status: 200,
  response: MicrosoftInvitationDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_RATE_LIMITED'],
  audit: ['invitation.opened'],
});
