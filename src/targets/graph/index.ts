/** Microsoft Entra ID through Microsoft Graph: the Target port. */
export { BatchPacer, GRAPH_WRITE_QUOTA, type PacerOptions } from './batch-pacer.ts';
export { GRAPH_ATTRIBUTE_TYPES, GRAPH_CAPABILITIES } from './graph-capabilities.ts';
export type { GraphCheck } from './graph-check.ts';
export type { HttpFetch, Sleep } from './graph-http.ts';
export { createGraphTarget, type GraphDeps, type GraphTarget } from './graph-target.ts';
export { GRAPH_SCOPE, type GraphCredentialMaterial } from './graph-token.ts';
export type { WriterOptions, WriteStats } from './graph-writer.ts';
