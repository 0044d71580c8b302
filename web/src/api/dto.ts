/** Static types of the DTOs the console shows, derived from the contract schemas. */
import type { Static } from '@sinclair/typebox';
import type {
  ApiTokenDto,
  AuditEventDto,
  ConfigurationDto,
  ConnectionDetailsDto,
  ConnectionSummaryDto,
  CreatedApiTokenDto,
  CredentialTestDto,
  CustomerDto,
  DestinationStepDto,
  DifferencePage as DifferencePageSchema,
  DifferenceSummaryDto,
  ExpressionTestDto,
  MappingStepBody,
  OrganisationSettingsDto,
  PreviewDto,
  RunComparisonDto,
  RunDto,
  RunItemDto,
  ScheduleDto,
  SchedulePreviewDto,
  ScopeStepBody,
  SessionDto,
  SourceStepBody,
  SourceTestDto,
  StepSavedDto,
  TenantDto,
  UserDto,
} from './contracts.ts';

export type Session = Static<typeof SessionDto>;
export type ConnectionSummary = Static<typeof ConnectionSummaryDto>;
export type ConnectionDetails = Static<typeof ConnectionDetailsDto>;
export type Configuration = Static<typeof ConfigurationDto>;
export type StepSaved = Static<typeof StepSavedDto>;
export type SourceStep = Static<typeof SourceStepBody>;
export type SourceTest = Static<typeof SourceTestDto>;
export type DestinationStep = Static<typeof DestinationStepDto>;
export type MappingStep = Static<typeof MappingStepBody>;
export type ScopeStep = Static<typeof ScopeStepBody>;
export type ExpressionTest = Static<typeof ExpressionTestDto>;
export type Schedule = Static<typeof ScheduleDto>;
export type SchedulePreview = Static<typeof SchedulePreviewDto>;
export type Run = Static<typeof RunDto>;
export type RunItem = Static<typeof RunItemDto>;
export type AuditEvent = Static<typeof AuditEventDto>;
export type Customer = Static<typeof CustomerDto>;
export type Tenant = Static<typeof TenantDto>;
export type CredentialTest = Static<typeof CredentialTestDto>;
export type User = Static<typeof UserDto>;
export type ApiToken = Static<typeof ApiTokenDto>;
export type CreatedApiToken = Static<typeof CreatedApiTokenDto>;
export type OrganisationSettings = Static<typeof OrganisationSettingsDto>;
export type Preview = Static<typeof PreviewDto>;
export type RunComparison = Static<typeof RunComparisonDto>;
export type DifferenceSummary = Static<typeof DifferenceSummaryDto>;
export type DifferencePage = Static<typeof DifferencePageSchema>;
export type PersonDifference = DifferencePage['items'][number];
