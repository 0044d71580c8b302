import { ACCOUNT_KINDS } from './manifest.ts';
import type { DemoAccountKind, DemoCompany } from './types.ts';

export interface CompanySummary {
  readonly persons: number;
  readonly employments: number;
  readonly orgUnits: number;
  readonly accounts: number;
  readonly disabledAccounts: number;
  readonly accountsByKind: Readonly<Partial<Record<DemoAccountKind, number>>>;
  readonly lifecycle: Readonly<Record<string, number>>;
}

/** Counts from the data itself, plus the manifest's breakdowns when the company has one. */
export function summarizeCompany(company: DemoCompany): CompanySummary {
  const rows = (id: string) => company.afas.connectors.find((c) => c.id === id)?.rows.length ?? 0;
  return {
    persons: rows('T4E_HelloID_Users_v2'),
    employments: rows('T4E_HelloID_Employments_v2'),
    orgUnits: rows('T4E_HelloID_OrganizationalUnits_v2'),
    accounts: company.tenant.users.length,
    disabledAccounts: company.tenant.users.filter((u) => !u.accountEnabled).length,
    accountsByKind: company.manifest?.counts.accounts ?? {},
    lifecycle: company.manifest?.counts.lifecycle ?? {},
  };
}

export function formatSummary(summary: CompanySummary, millis: number): string[] {
  const kinds = ACCOUNT_KINDS.filter((k) => (summary.accountsByKind[k] ?? 0) > 0).map(
    (k) => `${k} ${summary.accountsByKind[k]}`,
  );
  const lifecycle = Object.entries(summary.lifecycle).map(([k, n]) => `${k} ${n}`);
  return [
    `persons:      ${summary.persons}${lifecycle.length > 0 ? ` (${lifecycle.join(', ')})` : ''}`,
    `employments:  ${summary.employments}`,
    `org units:    ${summary.orgUnits}`,
    `accounts:     ${summary.accounts} (${summary.disabledAccounts} disabled)`,
    ...(kinds.length > 0 ? [`  by kind:    ${kinds.join(', ')}`] : []),
    `generated in: ${millis.toFixed(0)} ms`,
  ];
}
