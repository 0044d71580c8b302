/**
 * What the Graph target can do, for the engine to branch on (STYLE.md principle 3).
 */
import type { TargetCapabilities } from '../../engine/ports.ts';
import { ALWAYS_READ } from './graph-odata.ts';

/** Graph's JSON types for user properties that are not plain strings. */
export const GRAPH_ATTRIBUTE_TYPES = {
  accountEnabled: 'boolean',
  businessPhones: 'string[]',
  otherMails: 'string[]',
  proxyAddresses: 'string[]',
  imAddresses: 'string[]',
  employeeHireDate: 'datetime',
  employeeLeaveDateTime: 'datetime',
} as const satisfies NonNullable<TargetCapabilities['attributeTypes']>;

export const GRAPH_CAPABILITIES: TargetCapabilities = {
  batchSize: 20,
  // DELETE /users/{id} moves the user to deleted items, restorable for 30 days.
  softDelete: true,
  managerReference: true,
  // Entra refuses a UPN, mail or proxy address that another object holds in any of these (the same
  // checks HelloID's Entra connector runs); mailNickname only has to be unique among nicknames.
  uniqueAttributes: {
    userPrincipalName: ['userPrincipalName', 'mail', 'proxyAddresses'],
    mail: ['mail', 'userPrincipalName', 'proxyAddresses'],
    mailNickname: ['mailNickname'],
    proxyAddresses: ['proxyAddresses', 'mail', 'userPrincipalName'],
  },
  attributeTypes: GRAPH_ATTRIBUTE_TYPES,
  alwaysRead: ALWAYS_READ,
  entitlements: { groups: true, licenceAttribute: 'assignedLicenses', licenceRequires: 'usageLocation' },
};

export const LIST_ATTRIBUTES: ReadonlySet<string> = new Set(
  Object.entries(GRAPH_ATTRIBUTE_TYPES).flatMap(([name, type]) => (type === 'string[]' ? [name] : [])),
);
