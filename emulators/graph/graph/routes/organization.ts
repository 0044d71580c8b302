import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute } from '../route-types.ts';

export const organizationRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/organization',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readOrganization);
      const { directory } = context;
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#organization`,
          value: [
            {
              id: directory.tenantId,
              displayName: directory.displayName,
              tenantType: 'AAD',
              verifiedDomains: directory.domains
                .filter((d) => d.isVerified)
                .map((d) => ({
                  capabilities: 'Email, OfficeCommunicationsOnline',
                  isDefault: d.isDefault,
                  isInitial: d.id.toLowerCase().endsWith('.onmicrosoft.com'),
                  name: d.id,
                  type: 'Managed',
                })),
            },
          ],
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/domains',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readDomains);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#domains`,
          value: context.directory.domains.map((d) => ({
            id: d.id,
            authenticationType: 'Managed',
            isDefault: d.isDefault,
            isInitial: d.id.toLowerCase().endsWith('.onmicrosoft.com'),
            isRoot: true,
            isVerified: d.isVerified,
            supportedServices: ['Email', 'OfficeCommunicationsOnline'],
          })),
        },
      };
    },
  },
];
