/**
 * The connect-time half of the endpoint rule (core/endpoint-policy.ts): a webhook, mail server or
 * domain controller a customer chose may be any host but this machine or a link-local address. The
 * static rule sees only the name; a DNS name that resolves to 127.0.0.1 or 169.254.169.254 — at once,
 * or only later (DNS rebinding) — passes it. So every connection the service makes to such an endpoint
 * resolves through this lookup, which judges the addresses the socket is about to connect to, at the
 * moment it connects: local ones are left out, and a name with nothing else is refused.
 *
 * One mechanism for every client: the `lookup` of node's net and tls connect (undici's Agent for
 * webhooks, nodemailer's socket for the mail server, ldapts's socket for controllers).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import {
  allowedByPolicy,
  type EndpointKind,
  type EndpointPolicy,
  endpointProblem,
  isLocalAddress,
  LOCAL_ADDRESS_CODE,
  resolvedLocalProblem,
} from '../core/endpoint-policy.ts';

/** The endpoints a customer chooses, where any host but this machine or its link is allowed. */
export type CustomerEndpointKind = Extract<EndpointKind, 'webhook' | 'smtp' | 'directory'>;

/**
 * The lookup for connections to `url`, an endpoint of this kind; undefined when the policy allows its
 * host (HRSYNC_ALLOWED_ENDPOINT_HOSTS: an emulator on 127.0.0.1), which then resolves as usual.
 * `resolve` is node's dns.lookup. An IP address written in the URL is never looked up: see
 * writtenAddressProblem.
 */
export function guardedLookup(
  kind: CustomerEndpointKind,
  url: string,
  policy: EndpointPolicy,
  resolve: LookupFunction = dnsLookup as LookupFunction,
): LookupFunction | undefined {
  if (allowedByPolicy(policy, url)) return undefined;
  return (hostname, options, callback) => {
    // Every address of the name is asked for and judged, whatever the socket asked for.
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '');
      const addresses = typeof found === 'string' ? [{ address: found, family: 0 }] : found;
      const usable = addresses.filter((a) => !isLocalAddress(a.address));
      const first: LookupAddress | undefined = usable[0];
      if (first === undefined) {
        const refused = Object.assign(
          new Error(
            resolvedLocalProblem(
              kind,
              hostname,
              addresses.map((a) => a.address),
            ),
          ),
          { code: LOCAL_ADDRESS_CODE, hostname },
        );
        return callback(refused, '');
      }
      if (options.all) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * Why the service may not connect to the IP address written in `url` (sockets connect to it without a
 * lookup), or null; for a name, the lookup judges. For a client that connects to an endpoint long
 * after it was saved, when the server may no longer allow what it allowed then.
 */
export function writtenAddressProblem(
  kind: CustomerEndpointKind,
  url: string,
  policy: EndpointPolicy,
): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
  if (isIP(host) === 0 || !isLocalAddress(host)) return null;
  return endpointProblem(kind, url, policy);
}
