/** HTTP plumbing the adapters share: fetch that trusts an extra certificate authority. */
export { fetchTrusting, type HttpFetch, type TrustingFetch } from './trusting-fetch.ts';
