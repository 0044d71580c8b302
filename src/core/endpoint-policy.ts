/**
 * Where a stored secret may be sent (DESIGN.md invariant 6). A secret is only ever sent to the
 * endpoint it was saved with, so an endpoint change must carry the secret again in the same
 * request; and in production only the vendors' own hosts are endpoints at all. Other hosts (the
 * emulators, a test server) are allowed only when the server was started with
 * `HRSYNC_ALLOWED_ENDPOINT_HOSTS` (README, Security). Pure: no I/O, no DNS.
 *
 * Every place that stores an endpoint next to a secret uses these three rules: the AFAS
 * environment (step 1), a tenant's authority and Graph hosts, a directory's LDAPS URLs, and the
 * notification webhooks and mail server (written `smtp://host:port`, see smtpUrl).
 */

export type EndpointKind = 'afas' | 'authority' | 'graph' | 'directory' | 'webhook' | 'smtp';

export interface EndpointPolicy {
  /**
   * Hosts (lower case, `host` or `host:port`) allowed besides the official ones; `*` allows any.
   * Empty in production.
   */
  readonly allowedHosts: readonly string[];
}

export const PRODUCTION_ENDPOINTS: EndpointPolicy = Object.freeze({ allowedHosts: Object.freeze([]) });

/** AFAS Profit REST: `{number}.rest|resttest|restaccept.afas.online`. */
const AFAS_HOST = /^[0-9]{5,6}\.(rest|resttest|restaccept)\.afas\.online$/;

/** Microsoft identity platform authorities: public, US Government and China (21Vianet) clouds. */
export const OFFICIAL_AUTHORITY_HOSTS: readonly string[] = Object.freeze([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** Microsoft Graph endpoints of the same national clouds. */
export const OFFICIAL_GRAPH_HOSTS: readonly string[] = Object.freeze([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

const SCHEMES: Readonly<Record<EndpointKind, readonly string[]>> = {
  afas: ['https:'],
  authority: ['https:'],
  graph: ['https:'],
  // Notifications: a webhook receives run details; an organisation's own mail server its password.
  webhook: ['https:'],
  smtp: ['smtp:'],
  // ldap:// is always upgraded with StartTLS before the bind (targets/ldap/directory-connection.ts).
  directory: ['ldaps:', 'ldap:'],
};

function official(kind: EndpointKind, host: string): boolean {
  switch (kind) {
    case 'afas':
      return AFAS_HOST.test(host);
    case 'authority':
      return OFFICIAL_AUTHORITY_HOSTS.includes(host);
    case 'graph':
      return OFFICIAL_GRAPH_HOSTS.includes(host);
    case 'directory':
    case 'webhook':
    case 'smtp':
      // A customer's own domain controllers: any name, but never this machine or a link-local
      // (cloud metadata) address, which would make the service a proxy into its own network.
      return !isLocalHost(host);
  }
}

/**
 * The IPv4 address an IPv4-mapped IPv6 one reaches (`::ffff:7f00:1` → 127.0.0.1: dual-stack sockets
 * connect to it), as the URL parser writes it whatever was typed (`[::ffff:127.0.0.1]`).
 */
function mappedIpv4(h: string): string | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(h);
  if (!m) return null;
  const high = Number.parseInt(m[1]!, 16);
  const low = Number.parseInt(m[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * The host as a connection reaches it: smtp:// and ldaps:// URLs keep a host as written, but the
 * resolver takes `2130706433`, `0x7f.1` and `017700000001` for 127.0.0.1 (an https:// URL's parser
 * writes them so), and a fully qualified `localhost.` for localhost.
 */
function reachedHost(host: string): string {
  let h = host;
  try {
    h = new URL(`http://${host}/`).hostname;
  } catch {
    // Not a host an http:// URL takes: judged as written.
  }
  return h.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/** The host as written, and the address it stands for when that is written otherwise (`2130706433 (127.0.0.1)`). */
function shownHost(host: string): string {
  const reached = reachedHost(host);
  return reached === host.replace(/^\[|\]$/g, '').replace(/\.+$/, '') ? host : `${host} (${reached})`;
}

function isLocalHost(host: string): boolean {
  const h = reachedHost(host);
  return h === 'localhost' || h.endsWith('.localhost') || localKind(h) !== null;
}

/** What an address (as reachedHost writes it) is, when a connection there stays on this machine or its link. */
function localKind(h: string): 'this machine' | 'a link-local address' | null {
  // IPv4-mapped, in hex (as the URL parser writes it) or dotted (as typed, or as a resolver writes it).
  const mapped = mappedIpv4(h) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(h)?.[1] ?? null;
  if (mapped !== null) return localKind(mapped);
  if (/^127\./.test(h) || /^0\./.test(h) || h === '::1' || h === '::') return 'this machine';
  // IPv6 link-local is fe80::/10: fe80 to febf.
  if (/^169\.254\./.test(h) || /^fe[89ab][0-9a-f]:/i.test(h)) return 'a link-local address';
  return null;
}

/**
 * What an address a name resolved to is, when the service may not connect there for a customer: 'this
 * machine' (loopback, unspecified), 'a link-local address' (169.254.169.254 is cloud metadata), or
 * null. Any form a resolver or hosts file writes (`0:0::1`, `::ffff:127.0.0.1`, `fe80::1%eth0`).
 */
export function localAddressKind(address: string): 'this machine' | 'a link-local address' | null {
  const bare = address.replace(/%.*$/, '');
  return localKind(reachedHost(bare.includes(':') ? `[${bare}]` : bare));
}

/** The rule of the customer-chosen endpoints (webhook, smtp, directory) for a resolved address. */
export function isLocalAddress(address: string): boolean {
  return localAddressKind(address) !== null;
}

/**
 * The `code` of the error a guarded connection fails with when its name resolved only to addresses
 * isLocalAddress refuses (net/connect-guard.ts); the message is resolvedLocalProblem's.
 */
export const LOCAL_ADDRESS_CODE = 'ERR_HRSYNC_LOCAL_ADDRESS';

/**
 * Why the service may not connect to `host` for an endpoint of this kind: every address it resolved to
 * is this machine or link-local (a DNS name pointing at 127.0.0.1 or 169.254.169.254, or rebinding to
 * one after the endpoint was saved).
 */
export function resolvedLocalProblem(kind: EndpointKind, host: string, addresses: readonly string[]): string {
  const kinds = addresses.map((a) => localAddressKind(a) ?? 'an address that may not be used');
  const listed = (items: readonly string[]) =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  const what = kinds.every((k) => k === kinds[0])
    ? `${listed(addresses)}, ${kinds[0]}`
    : listed(addresses.map((a, i) => `${a} (${kinds[i]})`));
  return `${host} resolves to ${what}, which may not be a ${DESCRIPTION[kind]}${HINT}`;
}

function allowedExtra(policy: EndpointPolicy, url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return policy.allowedHosts.some((h) => h === '*' || h === host || h === `${host}:${url.port}`);
}

/**
 * Whether the policy names this URL's host (HRSYNC_ALLOWED_ENDPOINT_HOSTS): such a host is an emulator
 * or test server the operator chose, and neither endpointProblem nor the connect-time check judge it.
 */
export function allowedByPolicy(policy: EndpointPolicy, url: string): boolean {
  try {
    return allowedExtra(policy, new URL(url));
  } catch {
    return false;
  }
}

/**
 * Why the port written in this URL cannot be one, or null: a rule for every URL of this kind, also
 * those the service never calls itself (a directory behind agents, where the host rules do not apply).
 */
export function portProblem(kind: EndpointKind, url: string): string | null {
  const port = PORT.exec(url)?.[1];
  return port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)
    ? `port ${port} does not exist: a port is 1 to 65535 (leave it out for the usual one${DEFAULT_PORTS[kind]})`
    : null;
}

/** Why this URL may not be used as an endpoint of this kind, or null when it may. */
export function endpointProblem(kind: EndpointKind, url: string, policy: EndpointPolicy): string | null {
  const port = portProblem(kind, url);
  if (port !== null) return port;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.username !== '' || parsed.password !== '') return 'may not contain a user name or password';
  if (allowedExtra(policy, parsed)) return null;
  const host = parsed.hostname.toLowerCase();
  if (!SCHEMES[kind].includes(parsed.protocol)) {
    return `must use ${SCHEMES[kind].join(' or ')} (got ${parsed.protocol})`;
  }
  if (!official(kind, host)) {
    return kind === 'directory' || kind === 'webhook' || kind === 'smtp'
      ? `${shownHost(host)} is this machine or a link-local address, which may not be a ${DESCRIPTION[kind]}${HINT}`
      : `${host} is not an official ${DESCRIPTION[kind]} host${HINT}`;
  }
  return null;
}

/**
 * A mail server's host as it is stored and compared: lower case, and an IPv6 address (typed bare,
 * `2001:db8::25`, or in brackets, `[2001:db8::25]`) bare and in its shortest form, so both spellings
 * are one endpoint; or why what was typed is not a host. The host's rules are endpointProblem's, on
 * smtpUrl's URL.
 */
export function mailServerHost(written: string): { readonly host: string } | { readonly problem: string } {
  const host = written.trim().toLowerCase();
  if (!host.includes(':') && !host.startsWith('[') && !host.endsWith(']')) return { host };
  const inner = /^\[(.*)\]$/.exec(host)?.[1] ?? host;
  try {
    return { host: new URL(`http://[${inner}]/`).hostname.slice(1, -1) };
  } catch {
    return {
      problem: `${written.trim()} is not an IPv6 address (eight groups of up to 4 hexadecimal digits, :: for a run of zeros, e.g. 2001:db8::25)`,
    };
  }
}

/** The URL the endpoint rule judges for a mail server: `smtp://host:port`, an IPv6 address in brackets. */
export function smtpUrl(host: string, port: number): string {
  return `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The port written in a URL, before `new URL()` sees it: it refuses 65536 and up only as "not a
 * URL", and takes port 0, which no server listens on, without a word.
 */
const PORT = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)/i;

const DEFAULT_PORTS: Readonly<Record<EndpointKind, string>> = {
  afas: '',
  authority: '',
  graph: '',
  webhook: '',
  smtp: '',
  directory: ': 636 for ldaps://, 389 for ldap://',
};

const DESCRIPTION: Readonly<Record<EndpointKind, string>> = {
  afas: 'AFAS Profit ({number}.rest|resttest|restaccept.afas.online)',
  authority: 'Microsoft identity platform',
  graph: 'Microsoft Graph',
  directory: 'directory',
  webhook: 'webhook',
  smtp: 'mail server',
};

const HINT =
  '; other hosts (an emulator, a test server) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS';

/**
 * A pattern (for a JSON schema) that matches the start of a URL with one of these schemes in any
 * case: schemes are case-insensitive (RFC 3986 §3.1), so `LDAPS://dc1` and `HTTPS://…` are the same
 * URLs as in lower case. `schemePattern('ldaps', 'ldap')` → `^(?:[Ll][Dd][Aa][Pp][Ss]|[Ll][Dd][Aa][Pp])://`.
 */
export function schemePattern(...schemes: string[]): string {
  const caseless = (s: string) =>
    [...s].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');
  return `^(?:${schemes.map(caseless).join('|')})://`;
}

/** A domain controller URL: `ldaps://host[:port]`, or `ldap://host[:port]` (StartTLS), any case. */
export const DIRECTORY_URL_PATTERN = `${schemePattern('ldaps', 'ldap')}[^/\\s]+/?$`;
export const DIRECTORY_URL_FORM = 'ldaps://host[:port], or ldap://host[:port] with StartTLS';

/**
 * The URL with its case-insensitive parts — scheme and host — in lower case, the rest as written:
 * how an endpoint is stored, so that every later comparison sees like with like.
 */
export function lowerCaseSchemeAndHost(url: string): string {
  return url.replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)/,
    (_, scheme: string, authority: string) => `${scheme.toLowerCase()}${authority.toLowerCase()}`,
  );
}

/** Two endpoint URLs are the same endpoint: same scheme, host, port and path (case and trailing `/` aside). */
export function sameEndpoint(a: string, b: string): boolean {
  return normaliseEndpoint(a) === normaliseEndpoint(b);
}

export function normaliseEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '').toLowerCase()}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

/**
 * The rule that keeps a stored secret with its endpoint: when the endpoint changes while a secret is
 * stored, the request must enter the secret again. Returns why not, or null.
 */
export function secretRebindProblem(change: {
  readonly endpointChanged: boolean;
  readonly secretStored: boolean;
  readonly secretEntered: boolean;
  /** e.g. "the App Connector token", "the client secret or certificate", "the bind password". */
  readonly secretName: string;
}): string | null {
  if (!change.endpointChanged || !change.secretStored || change.secretEntered) return null;
  return `the endpoint changed: enter ${change.secretName} again in the same request (a stored secret is only ever sent to the endpoint it was saved with)`;
}
