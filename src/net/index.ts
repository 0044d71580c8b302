/**
 * Network plumbing the adapters share: fetch that trusts an extra certificate authority, and the
 * connect-time guard of customer-chosen endpoints.
 */

export { type CustomerEndpointKind, guardedLookup, writtenAddressProblem } from './connect-guard.ts';
export { fetchTrusting, type HttpFetch, type TrustingFetch, trustingContext } from './trusting-fetch.ts';
