/**
 * A hybrid tenant's directory settings as the tenant dialog edits them (every field as typed), what
 * is still missing before they can be sent, and the request body they become. No React here: the
 * form is web/src/admin/DirectoryFields.tsx.
 */
import type { Tenant } from '../api/dto.ts';

export type Directory = NonNullable<Tenant['directory']>;

/** What the form edits: every field as typed. */
export interface DirectoryDraft {
  readonly urls: string;
  readonly caCertificate: string;
  readonly tlsServerName: string;
  readonly bindUser: string;
  readonly bindPassword: string;
  readonly baseDn: string;
  readonly container: string;
  readonly disabledContainer: string;
  readonly upnSuffixes: string;
  readonly mustChangePassword: boolean;
}

export function directoryDraft(d: Directory | null | undefined): DirectoryDraft {
  return {
    urls: (d?.urls ?? []).join('\n'),
    caCertificate: d?.caCertificate ?? '',
    tlsServerName: d?.tlsServerName ?? '',
    bindUser: d?.bindUser ?? '',
    bindPassword: '',
    baseDn: d?.baseDn ?? '',
    container: d?.container ?? '',
    disabledContainer: d?.disabledContainer ?? '',
    upnSuffixes: (d?.upnSuffixes ?? []).join(', '),
    mustChangePassword: d?.mustChangePassword ?? true,
  };
}

const splitList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The same comparison the service makes: another controller list, CA or server name. */
export function endpointChanged(before: Directory | null | undefined, draft: DirectoryDraft): boolean {
  if (!before) return false;
  return (
    before.urls.join(' ').toLowerCase() !== splitList(draft.urls).join(' ').toLowerCase() ||
    (before.caCertificate ?? '') !== draft.caCertificate.trim() ||
    (before.tlsServerName ?? '') !== draft.tlsServerName.trim()
  );
}

/** What is still missing before the form can be sent, in words; null when complete. */
export function directoryIncomplete(
  before: Directory | null | undefined,
  draft: DirectoryDraft,
  viaAgents: boolean,
): string | null {
  const urls = splitList(draft.urls);
  if (urls.length === 0) return 'Enter at least one domain controller URL.';
  const notLdap = urls.find((url) => !/^ldaps?:\/\/[^/\s]+\/?$/i.test(url));
  if (notLdap !== undefined)
    return `Each domain controller URL is ldaps://host or ldap://host, with an optional :port (“${notLdap}” is not).`;
  if (!draft.bindUser.trim()) return 'Enter the bind account.';
  if (!draft.container.trim()) return 'Enter the container for new accounts.';
  if (viaAgents) return null;
  if (!draft.bindPassword && (!before?.bindPassword || endpointChanged(before, draft)))
    return 'Enter the bind account’s password.';
  return null;
}

/** The `directory` field of a tenant request. */
export function directoryBody(draft: DirectoryDraft, viaAgents: boolean) {
  const optional = (s: string) => (s.trim() ? s.trim() : null);
  return {
    urls: splitList(draft.urls),
    caCertificate: optional(draft.caCertificate),
    tlsServerName: optional(draft.tlsServerName),
    bindUser: draft.bindUser.trim(),
    ...(draft.bindPassword && !viaAgents ? { bindPassword: draft.bindPassword } : {}),
    baseDn: optional(draft.baseDn),
    container: draft.container.trim(),
    disabledContainer: optional(draft.disabledContainer),
    upnSuffixes: splitList(draft.upnSuffixes),
    mustChangePassword: draft.mustChangePassword,
  };
}
