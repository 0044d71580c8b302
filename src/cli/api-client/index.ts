/** A typed client for the hrsync API, built from the endpoint declarations in src/contracts. */
export { ApiError, type ErrorDetail, ServiceUnreachableError } from './api-error.ts';
export { type CallInput, type QueryInput, queryString, urlFor } from './call-input.ts';
export { type ApiClient, type ApiClientOptions, createApiClient, displayUrl } from './client.ts';
