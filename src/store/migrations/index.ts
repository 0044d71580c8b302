import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.ts';
import { appendOnlyAudit } from './0002-append-only-audit.ts';
import { runsCostWhatTheyChange } from './0010-runs-cost-what-they-change.ts';
import { retention } from './0011-retention.ts';
import { tokenCreator } from './0020-token-creator.ts';
import { organisationSettings } from './0040-organisation-settings.ts';
import { tenantDirectory } from './0050-tenant-directory.ts';
import { agents } from './0060-agents.ts';
import { tenantDirectoryViaAgents } from './0061-tenant-directory-via-agents.ts';
import { linkEntitlements } from './0070-link-entitlements.ts';
import { auditLogPaging } from './0110-audit-log-paging.ts';
import { userEmailPerOrganisation } from './0120-user-email-per-organisation.ts';
import { overridesAndQuarantine } from './0130-overrides-and-quarantine.ts';
import { notifications } from './0160-notifications.ts';
import { microsoftSignIn } from './0161-microsoft-sign-in.ts';
import { secondFactor } from './0200-second-factor.ts';
import { invitations } from './0220-invitations.ts';
import { auditActionCategory } from './0350-audit-action-category.ts';
import { runItemOrders } from './0390-run-item-orders.ts';
import { auditEventCounts } from './0410-audit-event-counts.ts';
import { auditActorName } from './0411-audit-actor-name.ts';
import { runItemsByEmployee } from './0430-run-items-by-employee.ts';
import { unchangedNames } from './0431-unchanged-names.ts';
import { runItemsNameOrderIsSeq } from './0440-run-items-name-order-is-seq.ts';
import { runItemBlocks } from './0450-run-item-blocks.ts';
import { agentSpentTokens } from './0460-agent-spent-tokens.ts';
import { runErrorPaths } from './0470-run-error-paths.ts';

/** Versioned migrations, in order. Never edit a released one: add the next. */
export function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '0001-initial': initial,
    '0002-append-only-audit': appendOnlyAudit(dialect),
    '0010-runs-cost-what-they-change': runsCostWhatTheyChange(dialect),
    '0011-retention': retention(dialect),
    '0020-token-creator': tokenCreator,
    '0050-tenant-directory': tenantDirectory,
    '0060-agents': agents,
    '0061-tenant-directory-via-agents': tenantDirectoryViaAgents,
    '0040-organisation-settings': organisationSettings,
    '0070-link-entitlements': linkEntitlements,
    '0160-notifications': notifications,
    '0120-user-email-per-organisation': userEmailPerOrganisation(dialect),
    '0110-audit-log-paging': auditLogPaging(dialect),
    '0161-microsoft-sign-in': microsoftSignIn,
    '0130-overrides-and-quarantine': overridesAndQuarantine,
    '0220-invitations': invitations,
    '0200-second-factor': secondFactor,
    '0350-audit-action-category': auditActionCategory(dialect),
    '0390-run-item-orders': runItemOrders(dialect),
    '0410-audit-event-counts': auditEventCounts(dialect),
    '0411-audit-actor-name': auditActorName,
    '0430-run-items-by-employee': runItemsByEmployee,
    '0431-unchanged-names': unchangedNames,
    '0440-run-items-name-order-is-seq': runItemsNameOrderIsSeq,
    '0450-run-item-blocks': runItemBlocks(dialect),
    '0460-agent-spent-tokens': agentSpentTokens,
    '0470-run-error-paths': runErrorPaths,
  };
}

export const migrationProvider = (dialect: 'sqlite' | 'postgres'): MigrationProvider => ({
  getMigrations: async () => migrations(dialect),
});
