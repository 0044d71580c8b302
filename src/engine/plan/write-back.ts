import {
  type AttributeChange,
  type Attributes,
  type ConnectionConfig,
  type PlannedWrite,
  sameValue,
} from '../../core/index.ts';

/** The person attributes writeBack compares, as configured. */
export function writeBackReads(config: ConnectionConfig['writeBack']): string[] {
  return [...(config.email ? ['Email_werk'] : []), ...(config.upn ? ['UPN'] : [])];
}

/** The e-mail and UPN the account has, written back to AFAS where they differ (as configured); else null. */
export function writeBack(
  config: ConnectionConfig['writeBack'],
  n: string,
  attrs: Attributes,
  account: Attributes,
): PlannedWrite | null {
  if (!config.email && !config.upn) return null;
  const changes: AttributeChange[] = [];
  const mail = account.mail;
  if (config.email && typeof mail === 'string' && !sameValue(attrs.Email_werk ?? null, mail)) {
    changes.push({ attribute: 'email', old: attrs.Email_werk ?? null, new: mail });
  }
  const upn = account.userPrincipalName;
  if (config.upn && typeof upn === 'string' && !sameValue(attrs.UPN ?? null, upn)) {
    changes.push({ attribute: 'upn', old: attrs.UPN ?? null, new: upn });
  }
  return changes.length > 0 ? { kind: 'write-back', employeeNumber: n, changes } : null;
}
