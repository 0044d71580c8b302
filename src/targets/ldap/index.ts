/** Active Directory over LDAPS (hybrid tenants): the Target port. */
export { DIRECTORY_ATTRIBUTE_LIMITS, DIRECTORY_ATTRIBUTE_TYPES } from './directory-attributes.ts';
export { DIRECTORY_CAPABILITIES } from './directory-capabilities.ts';
export type { DirectoryCheck, DirectoryCheckResult } from './directory-check.ts';
export { createDirectoryTarget, type DirectoryDeps, type DirectoryTarget } from './directory-target.ts';
export { escapeRdnValue, normaliseDn, userDn } from './dn.ts';
export { fileTimeToIso, isoToFileTime } from './file-time.ts';
export { guidToBytes, guidToString } from './guid.ts';
export {
  HYBRID_UNIQUENESS,
  type HybridStarterInput,
  hybridMapping,
  hybridSections,
  hybridStarterConfig,
  placementRule,
} from './hybrid-defaults.ts';
