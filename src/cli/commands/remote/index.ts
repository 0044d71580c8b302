/**
 * Commands that drive a running hrsync service through its API (`--url`/HRSYNC_URL,
 * `--token`/HRSYNC_TOKEN): every path, method and body comes from the declarations in src/contracts.
 */
export { agentsCommand } from './agents/index.ts';
export { auditCommand } from './audit/index.ts';
export { connectionsCommand } from './connections/index.ts';
export { overridesCommand, quarantineCommand } from './overrides/index.ts';
export { runsCommand } from './runs/index.ts';
