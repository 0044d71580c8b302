import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  ConfigurationDto,
  DestinationStepBody,
  ExpressionTestBody,
  ExpressionTestDto,
  MappingStepBody,
  ScopeStepBody,
  SourceStepBody,
  SourceTestDto,
  StepSavedDto,
} from '../schemas/connections.ts';

const tag = 'Configuration steps';
const stepErrors = ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_CONFIG_INVALID'] as const;

export const getConfiguration = endpoint({
  operationId: 'getConfiguration',
  method: 'GET',
  path: '/api/v1/connections/:id/configuration',
  summary: 'The five steps: their status and saved settings (secrets as { set })',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: ConfigurationDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const saveSourceStep = endpoint({
  operationId: 'saveSourceStep',
  method: 'PUT',
  path: '/api/v1/connections/:id/steps/1',
  summary: 'Step 1, source: AFAS environment, App Connector token, GetConnectors',
  tag,
  access: 'operator',
  params: IdParams,
  body: SourceStepBody,
  status: 200,
  response: StepSavedDto,
  errors: stepErrors,
  audit: ['connection.step-saved', 'connection.state-changed'],
});

export const testSourceStep = endpoint({
  operationId: 'testSourceStep',
  method: 'POST',
  path: '/api/v1/connections/:id/steps/1/test',
  summary: 'Test the saved AFAS settings: reachable, token accepted, GetConnectors and fields present',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: SourceTestDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['connection.source-tested'],
});

export const saveDestinationStep = endpoint({
  operationId: 'saveDestinationStep',
  method: 'PUT',
  path: '/api/v1/connections/:id/steps/2',
  summary: 'Step 2, destination: the tenant (its credentials live on the tenant) and the default domain',
  tag,
  access: 'operator',
  params: IdParams,
  body: DestinationStepBody,
  status: 200,
  response: StepSavedDto,
  errors: [...stepErrors, 'HRS_SUBSCRIPTION_INACTIVE'],
  audit: ['connection.step-saved', 'connection.state-changed'],
});

export const saveMappingStep = endpoint({
  operationId: 'saveMappingStep',
  method: 'PUT',
  path: '/api/v1/connections/:id/steps/3',
  summary: 'Step 3: attribute mappings, matching precedence, unique names, write-back',
  tag,
  access: 'operator',
  params: IdParams,
  body: MappingStepBody,
  status: 200,
  response: StepSavedDto,
  errors: [...stepErrors, 'HRS_PATTERN_UNSAFE'],
  audit: ['connection.step-saved', 'connection.state-changed'],
});

export const saveScopeStep = endpoint({
  operationId: 'saveScopeStep',
  method: 'PUT',
  path: '/api/v1/connections/:id/steps/4',
  summary: 'Step 4: scoping filters, primary employment, lead/grace days, leavers, thresholds, time zone',
  tag,
  access: 'operator',
  params: IdParams,
  body: ScopeStepBody,
  status: 200,
  response: StepSavedDto,
  errors: [...stepErrors, 'HRS_PATTERN_UNSAFE'],
  audit: ['connection.step-saved', 'connection.state-changed'],
});

export const testExpression = endpoint({
  operationId: 'testExpression',
  method: 'POST',
  path: '/api/v1/connections/:id/expression-test',
  summary: 'Evaluate an expression against one real AFAS employee of this connection',
  tag,
  access: 'operator',
  params: IdParams,
  body: ExpressionTestBody,
  status: 200,
  response: ExpressionTestDto,
  errors: [
    'HRS_NOT_FOUND',
    'HRS_INVALID_STATE',
    'HRS_SOURCE_AUTH',
    'HRS_SOURCE_UNAVAILABLE',
    'HRS_SOURCE_READ_FAILED',
  ],
  audit: ['connection.expression-tested'],
});

export const testUnsavedSource = endpoint({
  operationId: 'testUnsavedSource',
  method: 'POST',
  path: '/api/v1/connections/:id/steps/1/test-unsaved',
  summary:
    'Test step-1 settings before saving them (nothing is stored). Without a token the stored one is used, ' +
    'only for the saved AFAS environment: a changed environment needs the token in the same request, and an admin',
  tag,
  access: 'operator',
  params: IdParams,
  body: SourceStepBody,
  status: 200,
  response: SourceTestDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_CONFIG_INVALID'],
  audit: ['connection.source-tested'],
});
