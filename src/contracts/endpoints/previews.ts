import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import { MappingStepBody, ScopeStepBody } from '../schemas/connections.ts';
import {
  PreviewDto,
  PreviewPageQuery,
  PreviewParams,
  PreviewQuery,
  RunComparisonDto,
  RunComparisonQuery,
} from '../schemas/previews.ts';
import { saveMappingStep, saveScopeStep } from './configuration.ts';

const tag = 'Preview and compare';

// Previewing a draft is allowed to exactly those who may save it, and it is refused for exactly
// the same reasons (the body is the save's body, validated the same way).
export const previewMappingStep = endpoint({
  operationId: 'previewMappingStep',
  method: 'POST',
  path: '/api/v1/connections/:id/steps/3/preview',
  summary:
    'Preview impact of an unsaved step 3: simulate it and the saved configuration, answer with whose plan differs (nothing is stored or changed)',
  tag,
  access: saveMappingStep.access,
  params: IdParams,
  query: PreviewQuery,
  body: MappingStepBody,
  status: 200,
  response: PreviewDto,
  errors: [...saveMappingStep.errors, 'HRS_SECRET_UNRESOLVED', 'HRS_BUSY'],
  audit: ['connection.previewed'],
});

export const previewScopeStep = endpoint({
  operationId: 'previewScopeStep',
  method: 'POST',
  path: '/api/v1/connections/:id/steps/4/preview',
  summary:
    'Preview impact of an unsaved step 4: simulate it and the saved configuration, answer with whose plan differs (nothing is stored or changed)',
  tag,
  access: saveScopeStep.access,
  params: IdParams,
  query: PreviewQuery,
  body: ScopeStepBody,
  status: 200,
  response: PreviewDto,
  errors: [...saveScopeStep.errors, 'HRS_SECRET_UNRESOLVED', 'HRS_BUSY'],
  audit: ['connection.previewed'],
});

export const getPreview = endpoint({
  operationId: 'getPreview',
  method: 'GET',
  path: '/api/v1/connections/:id/previews/:previewId',
  summary: 'Another page (or filter) of a preview made in the last 15 minutes',
  tag,
  access: saveMappingStep.access,
  params: PreviewParams,
  query: PreviewPageQuery,
  status: 200,
  response: PreviewDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const compareRuns = endpoint({
  operationId: 'compareRuns',
  method: 'GET',
  path: '/api/v1/runs/:id/compare',
  summary: 'What changed between another run of the same connection (`with`, the base) and this one',
  tag,
  access: 'viewer',
  params: IdParams,
  query: RunComparisonQuery,
  status: 200,
  response: RunComparisonDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE', 'HRS_BUSY'],
  audit: 'read-only',
});
