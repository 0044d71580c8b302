/**
 * Service plans of the SKUs the demo and tests use, with Microsoft's published ids and names (the
 * "Product names and service plan identifiers for licensing" list), so `disabledPlans` can be
 * checked and the console can offer "without Exchange".
 */
export interface ServicePlan {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
}

const EXCHANGE_S_STANDARD = {
  servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  servicePlanName: 'EXCHANGE_S_STANDARD',
};
const EXCHANGE_S_ENTERPRISE = {
  servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  servicePlanName: 'EXCHANGE_S_ENTERPRISE',
};
const EXCHANGE_S_DESKLESS = {
  servicePlanId: '4a82b400-a79f-41a4-b4e2-e94f5787b113',
  servicePlanName: 'EXCHANGE_S_DESKLESS',
};
const TEAMS1 = { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' };
const SHAREPOINTSTANDARD = {
  servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  servicePlanName: 'SHAREPOINTSTANDARD',
};
const SHAREPOINTENTERPRISE = {
  servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72',
  servicePlanName: 'SHAREPOINTENTERPRISE',
};
const O365_APPS = {
  servicePlanId: '43de0ff5-c92c-492b-9116-175376d08c38',
  servicePlanName: 'OFFICESUBSCRIPTION',
};
const INTUNE_A = { servicePlanId: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', servicePlanName: 'INTUNE_A' };
const AAD_PREMIUM = { servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', servicePlanName: 'AAD_PREMIUM' };

const BY_PART_NUMBER: Readonly<Record<string, readonly ServicePlan[]>> = {
  SPB: [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD, O365_APPS, INTUNE_A, AAD_PREMIUM],
  SPE_E3: [EXCHANGE_S_ENTERPRISE, TEAMS1, SHAREPOINTENTERPRISE, O365_APPS, INTUNE_A, AAD_PREMIUM],
  ENTERPRISEPACK: [EXCHANGE_S_ENTERPRISE, TEAMS1, SHAREPOINTENTERPRISE, O365_APPS],
  SPE_F1: [EXCHANGE_S_DESKLESS, TEAMS1, INTUNE_A],
  O365_BUSINESS_PREMIUM: [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD, O365_APPS],
};

export function servicePlansOf(sku: {
  readonly skuPartNumber: string;
  readonly servicePlans?: readonly ServicePlan[];
}): readonly ServicePlan[] {
  return sku.servicePlans ?? BY_PART_NUMBER[sku.skuPartNumber.toUpperCase()] ?? [];
}
