/**
 * Words for licences in plans and the console: Microsoft's product names for the common SKU part
 * numbers, and short names for the service plans administrators leave off. Unknown ones show as
 * Graph names them.
 */
const PRODUCTS: Readonly<Record<string, string>> = {
  SPB: 'Microsoft 365 Business Premium',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  SPE_F1: 'Microsoft 365 F3',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  STANDARDPACK: 'Office 365 E1',
  DESKLESSPACK: 'Office 365 F3',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  EMS: 'Enterprise Mobility + Security E3',
  POWER_BI_PRO: 'Power BI Pro',
  VISIOCLIENT: 'Visio Plan 2',
  PROJECTPROFESSIONAL: 'Project Plan 3',
};

const PLANS: readonly [RegExp, string][] = [
  [/^EXCHANGE_S_/, 'Exchange'],
  [/^TEAMS/, 'Teams'],
  [/^SHAREPOINT/, 'SharePoint'],
  [/^ONEDRIVE|^SHAREPOINTWAC/, 'OneDrive'],
  [/^OFFICESUBSCRIPTION|^O365_SB_Relationship/, 'Microsoft 365 Apps'],
  [/^YAMMER/, 'Viva Engage'],
  [/^INTUNE/, 'Intune'],
  [/^AAD_PREMIUM/, 'Entra ID P1'],
  [/^MCOSTANDARD/, 'Skype for Business'],
];

export function licenceName(skuPartNumber: string): string {
  return PRODUCTS[skuPartNumber.toUpperCase()] ?? skuPartNumber;
}

export function planName(servicePlanName: string): string {
  for (const [pattern, name] of PLANS) if (pattern.test(servicePlanName)) return name;
  return servicePlanName;
}

/** "Microsoft 365 Business Premium (without Exchange, Teams)" */
export function licenceLabel(product: string, disabledPlanNames: readonly string[]): string {
  const names = [...new Set(disabledPlanNames)];
  return names.length === 0 ? product : `${product} (without ${names.join(', ')})`;
}
