import { Type as T } from '@sinclair/typebox';
import {
  AfasEnvironment,
  EntitlementRule,
  LIST_LIMITS,
  LifecycleConfig,
  MappingRule,
  PersonsConfig,
  ScopeConfig,
  SourceConfig,
  ThresholdsConfig,
  UniquenessConfig,
  WriteBackConfig,
} from '../../core/config/schema.ts';
import { CONNECTION_STATES, SCHEDULE_LIMITS, SCHEDULE_UNITS } from '../../core/vocabulary.ts';
import { ACTIVATE_ANYWAY } from '../activation-gate.ts';
import { Description, Id, Name, Nullable, PageQuery, SecretState, Timestamp } from './common.ts';
import { RunDto } from './runs.ts';
import { CredentialStatusSchema, TenantTypeSchema } from './tenants.ts';

export const ConnectionStateSchema = T.Union(CONNECTION_STATES.map((s) => T.Literal(s)));
export const SourceSystemSchema = T.Literal('afas-profit', { description: 'only AFAS Profit is offered' });

export const CONFIGURATION_STEPS = ['source', 'destination', 'mapping', 'scope', 'simulation'] as const;
export const StepStatusDto = T.Object({
  number: T.Integer({ minimum: 1, maximum: 5 }),
  name: T.Union(CONFIGURATION_STEPS.map((s) => T.Literal(s))),
  status: T.Union([T.Literal('done'), T.Literal('current'), T.Literal('locked')]),
});

const Named = T.Object({ id: Id, name: T.String() });

export const ConnectionSummaryDto = T.Object({
  id: Id,
  name: T.String(),
  description: T.String(),
  state: ConnectionStateSchema,
  sourceSystem: SourceSystemSchema,
  destinationType: TenantTypeSchema,
  progress: T.Integer({ minimum: 0, maximum: 5, description: 'configuration steps confirmed, in order' }),
  tenant: Nullable(Named),
  customer: Nullable(Named),
  lastSyncAt: Nullable(Timestamp),
  nextRunAt: Nullable(Timestamp),
  timeZone: T.String({ description: 'IANA time zone the connection’s times are shown in (step 4)' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ScheduleUnitSchema = T.Union(SCHEDULE_UNITS.map((u) => T.Literal(u)));
/** The largest interval of any unit; each unit's own limit is checked with the unit (SCHEDULE_LIMITS). */
const MAX_EVERY = Math.max(...Object.values(SCHEDULE_LIMITS));
export const LocalDateTime = T.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description: 'local date and time in the connection’s time zone, YYYY-MM-DDTHH:mm',
});
export const ScheduleDto = T.Object({
  start: LocalDateTime,
  every: T.Integer({ minimum: 1 }),
  unit: ScheduleUnitSchema,
});

export const ConnectionWarningDto = T.Object({
  kind: T.Union(
    [
      T.Literal('same-tenant', {
        description:
          'another connection writes to the same tenant (the same Microsoft 365 directory; for hybrid, the same Active Directory domain)',
      }),
      T.Literal('placement-differs', {
        description:
          'hybrid: the mapping of parentDistinguishedName (step 3) places new accounts or leavers elsewhere than the tenant’s containers say',
      }),
    ],
    { description: 'what the warning is about' },
  ),
  message: T.String(),
  connections: T.Array(Named, {
    description: 'the other connections concerned (same-tenant); empty otherwise',
  }),
});

export const ConnectionWarningsQuery = T.Object({ tenantId: Id }, { additionalProperties: false });
export const ConnectionWarningsDto = T.Object({ warnings: T.Array(ConnectionWarningDto) });

export const ConnectionDetailsDto = T.Composite([
  ConnectionSummaryDto,
  T.Object({
    organisation: Named,
    schedule: Nullable(ScheduleDto),
    simulationCurrent: T.Boolean({
      description: 'a successful simulation of the current configuration exists (needed to activate)',
    }),
    latestRun: Nullable(RunDto),
    /** The activation gate (contracts/activation-gate.ts), computed by the service from the same table the console reads. */
    activation: T.Object({
      kind: T.Union([T.Literal('allowed'), T.Literal('needs-reason'), T.Literal('refused')]),
      reason: Nullable(T.String()),
      simulationId: Nullable(T.String()),
    }),
    steps: T.Array(StepStatusDto),
    warnings: T.Array(ConnectionWarningDto, {
      description:
        'things to know that do not stop the connection, such as another connection to the same tenant',
    }),
  }),
]);

export const CONNECTION_SORT_KEYS = [
  'name',
  'state',
  'createdAt',
  'updatedAt',
  'lastSyncAt',
  'nextRunAt',
] as const;

export const ConnectionListQuery = T.Object(
  {
    q: T.Optional(T.String({ maxLength: 200, description: 'part of the name' })),
    state: T.Optional(ConnectionStateSchema),
    tenantId: T.Optional(Id),
    sort: T.Optional(
      T.Union(
        CONNECTION_SORT_KEYS.map((s) => T.Literal(s)),
        { default: 'name' },
      ),
    ),
    order: T.Optional(T.Union([T.Literal('asc'), T.Literal('desc')], { default: 'asc' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const NewConnectionBody = T.Object(
  {
    name: Name,
    description: T.Optional(Description),
    sourceSystem: T.Optional(SourceSystemSchema),
    destinationType: TenantTypeSchema,
    tenantId: T.Optional(Id),
  },
  { additionalProperties: false },
);

export const CopyConnectionBody = T.Object(
  { name: Name, description: T.Optional(Description), tenantId: Id },
  { additionalProperties: false },
);

export const ConnectionPatchBody = T.Object(
  { name: T.Optional(Name), description: T.Optional(Description) },
  { additionalProperties: false, minProperties: 1 },
);

// ---- the configuration steps -------------------------------------------------------------------

export const SourceStepBody = T.Object(
  {
    environment: AfasEnvironment,
    token: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 10000,
        description: 'App Connector token; leave out to keep the stored one',
      }),
    ),
    connectors: T.Optional(SourceConfig.properties.connectors),
    pageSize: T.Optional(SourceConfig.properties.pageSize),
    parallel: T.Optional(SourceConfig.properties.parallel),
  },
  { additionalProperties: false },
);
export const SourceStepDto = T.Object({
  environment: AfasEnvironment,
  token: SecretState,
  connectors: SourceConfig.properties.connectors,
  pageSize: T.Integer(),
  parallel: T.Integer(),
});

export const DestinationStepBody = T.Object(
  {
    tenantId: Id,
    defaultDomain: T.String({
      pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$',
      description: 'a domain name such as contoso.nl: the verified domain for UPNs',
    }),
  },
  { additionalProperties: false },
);
export const DestinationStepDto = T.Object({
  tenant: Nullable(
    T.Object({
      id: Id,
      name: T.String(),
      type: TenantTypeSchema,
      verifiedDomains: T.Array(T.String()),
      credentialStatus: CredentialStatusSchema,
      subscriptionActive: T.Boolean(),
    }),
  ),
  defaultDomain: Nullable(T.String()),
});

export const MappingStepBody = T.Object(
  {
    mapping: T.Array(MappingRule, { minItems: 1, maxItems: LIST_LIMITS.mapping }),
    matching: T.Array(T.String({ minLength: 1 }), { minItems: 1, maxItems: LIST_LIMITS.matching }),
    uniqueness: UniquenessConfig,
    writeBack: T.Optional(WriteBackConfig),
    entitlements: T.Optional(T.Array(EntitlementRule, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const MappingStepDto = T.Object({
  mapping: T.Array(MappingRule),
  matching: T.Array(T.String()),
  uniqueness: UniquenessConfig,
  writeBack: WriteBackConfig,
  entitlements: T.Array(EntitlementRule),
});

export const ScopeStepBody = T.Object(
  {
    scope: ScopeConfig,
    persons: T.Optional(PersonsConfig),
    lifecycle: T.Optional(LifecycleConfig),
    thresholds: T.Optional(ThresholdsConfig),
    timeZone: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const ScopeStepDto = T.Object({
  scope: ScopeConfig,
  persons: PersonsConfig,
  lifecycle: LifecycleConfig,
  thresholds: ThresholdsConfig,
  timeZone: T.String(),
});

const Section = <S extends import('@sinclair/typebox').TSchema>(settings: S) =>
  T.Object({
    saved: T.Boolean({ description: 'false: not saved yet; `settings` shows what hrsync proposes' }),
    settings: Nullable(settings),
  });

export const TargetLimitDto = T.Object({
  maxLength: Nullable(T.Integer({ minimum: 1 })),
  maxValues: Nullable(T.Integer({ minimum: 1 })),
  onTooLong: T.Union([T.Literal('shorten'), T.Literal('fail')], {
    description: 'what a too-long value does unless the mapping says otherwise',
  }),
});

export const ConfigurationDto = T.Object({
  state: ConnectionStateSchema,
  progress: T.Integer({ minimum: 0, maximum: 5 }),
  steps: T.Array(StepStatusDto),
  source: Section(SourceStepDto),
  destination: Section(DestinationStepDto),
  mapping: Section(MappingStepDto),
  scope: Section(ScopeStepDto),
  targetLimits: T.Record(T.String(), TargetLimitDto, {
    description:
      "the destination's length limits per attribute and their default when a value is too long (a mapping's onTooLong overrides it)",
  }),
});

export const StepSavedDto = T.Object({
  connection: ConnectionDetailsDto,
  changed: T.Array(T.String(), {
    description: 'paths of the settings that changed; secrets are named, never shown',
  }),
  message: T.String(),
});

export const SourceTestDto = T.Object({
  ok: T.Boolean(),
  message: T.String(),
  checks: T.Array(T.Object({ name: T.String(), ok: T.Boolean(), message: T.String() })),
});

export const ExpressionTestBody = T.Object(
  {
    expression: T.String({ minLength: 1, maxLength: 5000 }),
    // AFAS filters cannot carry , or ; (afas-url.ts): refused here as a 400, not deep in the reader.
    employeeNumber: T.String({ minLength: 1, maxLength: 50, pattern: '^[^,;]+$' }),
  },
  { additionalProperties: false },
);
const AttrValue = T.Union([T.String(), T.Number(), T.Boolean(), T.Null(), T.Array(T.String())]);
export const ExpressionTestDto = T.Object({
  ok: T.Boolean(),
  value: T.Optional(AttrValue),
  error: T.Optional(T.Object({ code: T.String(), message: T.String() })),
  person: T.Object({ employeeNumber: T.String(), displayName: T.String() }),
});

// ---- schedule ----------------------------------------------------------------------------------

export const ScheduleBody = T.Object(
  {
    start: LocalDateTime,
    every: T.Integer({ minimum: 1, maximum: MAX_EVERY }),
    unit: ScheduleUnitSchema,
    activate: T.Optional(T.Boolean({ description: '"save and activate": also activate the connection' })),
  },
  { additionalProperties: false },
);

export const ScheduleStateDto = T.Object({
  schedule: Nullable(ScheduleDto),
  timeZone: T.String(),
  nextRunAt: Nullable(Timestamp),
  connection: ConnectionDetailsDto,
});

export const SchedulePreviewQuery = T.Object(
  {
    count: T.Optional(T.Integer({ minimum: 1, maximum: 50, default: 5 })),
    start: T.Optional(LocalDateTime),
    every: T.Optional(T.Integer({ minimum: 1, maximum: MAX_EVERY })),
    unit: T.Optional(ScheduleUnitSchema),
  },
  { additionalProperties: false },
);
export const SchedulePreviewDto = T.Object({
  timeZone: T.String(),
  times: T.Array(
    T.Object({ at: Timestamp, local: T.String({ description: 'YYYY-MM-DD HH:mm (UTC offset)' }) }),
  ),
});

/** An admin's written reason to activate despite the latest simulation. */
export const ActivateAnywayBody = T.Object(
  {
    reason: T.String({
      minLength: ACTIVATE_ANYWAY.minReasonLength,
      maxLength: 2000,
      pattern: '\\S',
      description: `why the connection is activated although its latest simulation was blocked or had failed or conflicting persons (at least ${ACTIVATE_ANYWAY.minReasonLength} characters); recorded with your name in the audit log`,
    }),
  },
  { additionalProperties: false },
);
