/**
 * What the Active Directory target can do, for the engine to branch on (STYLE.md principle 3).
 */
import type { TargetCapabilities } from '../../engine/ports.ts';
import { DIRECTORY_ATTRIBUTE_LIMITS, DIRECTORY_ATTRIBUTE_TYPES } from './directory-attributes.ts';

export const DIRECTORY_CAPABILITIES: TargetCapabilities = {
  displayName: 'Active Directory',
  attributeLimits: DIRECTORY_ATTRIBUTE_LIMITS,
  // AD needs a cn (the RDN); the writer falls back to displayName, so either will do: require neither.
  requiredOnCreate: ['sAMAccountName'],
  // LDAP has no batch operation: one request per change, several in flight on one connection.
  batchSize: 1,
  // A delete leaves only a tombstone (or a Recycle Bin object an administrator must restore by
  // hand): hrsync treats it as final.
  softDelete: false,
  managerReference: true,
  // AD enforces sAMAccountName (domain-wide, against users, groups and computers) and UPN
  // (forest-wide); it does not enforce mail or proxyAddresses, but directory sync to Entra fails on
  // duplicates across all three, so they are checked the way Entra would.
  uniqueAttributes: {
    sAMAccountName: ['sAMAccountName'],
    userPrincipalName: ['userPrincipalName', 'mail', 'proxyAddresses'],
    mail: ['mail', 'userPrincipalName', 'proxyAddresses'],
    proxyAddresses: ['proxyAddresses', 'mail', 'userPrincipalName'],
  },
  // cn is the RDN: unique within its OU only (entryAlreadyExists otherwise). Two namesakes in one OU
  // are told apart by their sAMAccountName: "Jan Jansen (jjansen2)".
  scopedUnique: [
    {
      attribute: 'cn',
      within: 'parentDistinguishedName',
      fallback: 'displayName',
      disambiguateWith: 'sAMAccountName',
      maxLength: 64,
    },
  ],
  attributeTypes: DIRECTORY_ATTRIBUTE_TYPES,
  // whenCreated: conflicts show when each candidate account was made (issue 11.5).
  alwaysRead: ['cn', 'parentDistinguishedName', 'sAMAccountName', 'userPrincipalName', 'whenCreated'],
  // Groups by DN; licences live in Microsoft 365 (group-based licensing on a synced group does it).
  entitlements: { groups: true, licenceAttribute: null, licenceRequires: null },
};
