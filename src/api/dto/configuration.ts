import type { Static } from '@sinclair/typebox';
import type { ConfigurationDto } from '../../contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../engine/index.ts';
import type { AttributeLimit } from '../../engine/ports.ts';
import { defaultSectionsFor } from '../../jobs/connection-config.ts';
import type { Connection, Tenant } from '../../store/index.ts';
import { GRAPH_ATTRIBUTE_LIMITS } from '../../targets/graph/graph-capabilities.ts';
import { DIRECTORY_ATTRIBUTE_LIMITS } from '../../targets/ldap/directory-attributes.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { stepStatuses } from './connections.ts';

/** The destination's length limits, for step 3's "If too long" (the planner applies the same). */
function targetLimits(tenant: Tenant | null): Configuration['targetLimits'] {
  const limits: Readonly<Record<string, AttributeLimit>> =
    tenant?.type === 'hybrid' ? DIRECTORY_ATTRIBUTE_LIMITS : GRAPH_ATTRIBUTE_LIMITS;
  return Object.fromEntries(
    Object.entries(limits)
      .filter(([, l]) => l.maxLength !== undefined || l.maxValues !== undefined)
      .map(([attribute, l]) => [
        attribute,
        {
          maxLength: l.maxLength ?? null,
          maxValues: l.maxValues ?? null,
          onTooLong: l.onTooLong ?? 'shorten',
        },
      ]),
  );
}

type Configuration = Static<typeof ConfigurationDto>;

/** The steps' settings as the console edits them: secrets as `{ set }`, unsaved steps as proposals. */
export function toConfigurationDto(connection: Connection, tenant: Tenant | null): Configuration {
  const c = connection.config;
  const source = c.source;
  const mappingSaved = c.mapping !== undefined;
  const scopeSaved = c.scope !== undefined;
  const clone = <T>(value: T): T => structuredClone(value);
  // What an unsaved step 3 proposes depends on the destination: AD's attributes for a hybrid one.
  const defaults = defaultSectionsFor(tenant, connection.destinationType);
  return {
    state: connection.state,
    progress: connection.progress,
    steps: stepStatuses(connection.progress),
    source: {
      saved: source !== undefined,
      settings:
        source === undefined
          ? null
          : {
              environment: clone(source.environment),
              // A copied connection keeps its source settings but not the token.
              token: { set: source.token !== undefined },
              connectors: clone(source.connectors),
              pageSize: source.pageSize,
              parallel: source.parallel,
            },
    },
    destination: {
      saved: c.destination !== undefined,
      settings: {
        tenant:
          tenant === null
            ? null
            : {
                id: tenant.id,
                name: tenant.name,
                type: tenant.type,
                verifiedDomains: [...tenant.verifiedDomains],
                credentialStatus: tenant.credentialStatus,
                subscriptionActive: tenant.subscriptionActive,
              },
        defaultDomain: c.destination?.defaultDomain ?? null,
      },
    },
    mapping: {
      saved: mappingSaved,
      settings: clone({
        mapping: c.mapping ?? defaults.mapping,
        matching: c.matching ?? defaults.matching,
        uniqueness: c.uniqueness ?? defaults.uniqueness,
        writeBack: c.writeBack ?? DEFAULT_SECTIONS.writeBack,
        entitlements: c.entitlements ?? [],
      }) as Configuration['mapping']['settings'],
    },
    scope: {
      saved: scopeSaved,
      settings: clone({
        scope: c.scope ?? DEFAULT_SECTIONS.scope,
        persons: c.persons ?? DEFAULT_SECTIONS.persons,
        lifecycle: c.lifecycle ?? DEFAULT_SECTIONS.lifecycle,
        thresholds: c.thresholds ?? DEFAULT_SECTIONS.thresholds,
        timeZone: c.timeZone ?? DEFAULT_TIME_ZONE,
      }) as Configuration['scope']['settings'],
    },
    targetLimits: targetLimits(tenant),
  };
}
