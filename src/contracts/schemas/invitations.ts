import { Type as T } from '@sinclair/typebox';
import { Email, Password, RoleSchema } from './access.ts';
import { Id, Name, Nullable, Timestamp } from './common.ts';

/** The link's one-time token: 43 base64url characters (32 random bytes). */
export const InvitationToken = T.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });

export const InvitationDto = T.Object({
  id: Id,
  email: T.String(),
  name: T.String(),
  role: RoleSchema,
  /** Who invited, by name. */
  invitedBy: T.String(),
  createdAt: Timestamp,
  sentAt: Timestamp,
  sendCount: T.Integer({ minimum: 1 }),
  expiresAt: Timestamp,
  expired: T.Boolean(),
});

export const NewInvitationBody = T.Object(
  { email: Email, name: Name, role: RoleSchema },
  { additionalProperties: false },
);

export const InvitationDeliveryDto = T.Object({
  invitation: InvitationDto,
  /** true: the link went out by e-mail (it is not shown here); false: copy `link` and send it yourself. */
  emailed: T.Boolean(),
  /** What happened to the e-mail, in words. */
  message: T.String(),
  /** The one-time link, only when it was not e-mailed. */
  link: Nullable(T.String()),
});

export const InvitationListDto = T.Object({
  items: T.Array(InvitationDto),
  /** Whether invitations go out by e-mail (a mail server is set for the organisation or the server). */
  mailServer: T.Boolean(),
});

export const InvitationTokenBody = T.Object({ token: InvitationToken }, { additionalProperties: false });

export const InvitationPreviewDto = T.Object({
  organisation: T.String(),
  email: T.String(),
  name: T.String(),
  role: RoleSchema,
  expiresAt: Timestamp,
  timeZone: T.String({ description: 'the organisation’s time zone, in which the expiry is shown' }),
  /** The organisation signs in with Microsoft: the invitee may accept by signing in with Microsoft. */
  microsoftSignIn: T.Boolean(),
});

export const AcceptInvitationBody = T.Object(
  { token: InvitationToken, name: T.Optional(Name), password: Password },
  { additionalProperties: false },
);

export const AcceptedInvitationDto = T.Object({
  /** The address to sign in with. */
  email: T.String(),
  organisation: T.String(),
});

export const MicrosoftInvitationDto = T.Object({
  /** Where the browser goes next: the Microsoft sign-in of the inviting organisation. */
  startUrl: T.String(),
});
