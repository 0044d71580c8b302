/**
 * Directory agents (issue 9). Administrators register, list and revoke agents of a hybrid tenant;
 * the agent-facing endpoints (`/api/v1/agent/…`) are public in the session sense, because an agent
 * signs each request with its own key (`Authorization: Agent <JWT>`), checked by the route.
 */
import { Type as T } from '@sinclair/typebox';
import { endpoint } from '../endpoint.ts';
import {
  AgentAckDto,
  AgentDto,
  AgentPageBody,
  AgentRegisteredDto,
  AgentRegistrationDto,
  AgentResultBody,
  AgentWorkBody,
  AgentWorkDto,
  NewAgentBody,
  OperationParams,
  RegisterAgentBody,
} from '../schemas/agents.ts';
import { IdParams } from '../schemas/common.ts';
import { DirectoryAccessBody, TenantDto } from '../schemas/tenants.ts';

const tag = 'Directory agents';

export const listAgents = endpoint({
  operationId: 'listAgents',
  method: 'GET',
  path: '/api/v1/tenants/:id/agents',
  summary: 'The directory agents of a hybrid tenant: status, host, version, last heard from, controllers',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: T.Object({ items: T.Array(AgentDto) }),
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const createAgentRegistration = endpoint({
  operationId: 'createAgentRegistration',
  method: 'POST',
  path: '/api/v1/tenants/:id/agents',
  summary: 'Register a directory agent: returns a one-time key, shown once and valid for an hour',
  tag,
  access: 'admin',
  params: IdParams,
  body: NewAgentBody,
  status: 201,
  response: AgentRegistrationDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['agent.registration-created'],
});

export const revokeAgent = endpoint({
  operationId: 'revokeAgent',
  method: 'POST',
  path: '/api/v1/agents/:id/revoke',
  summary: 'Revoke a directory agent: it is refused from its next request on',
  tag,
  access: 'admin',
  params: IdParams,
  status: 200,
  response: AgentDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['agent.revoked'],
});

export const registerAgent = endpoint({
  operationId: 'registerAgent',
  method: 'POST',
  path: '/api/v1/agent/register',
  summary: 'Agent: exchange the one-time key for the agent’s own credential (its public key)',
  tag,
  access: 'public',
  body: RegisterAgentBody,
  status: 201,
  response: AgentRegisteredDto,
  errors: ['HRS_AGENT_REFUSED', 'HRS_RATE_LIMITED'],
  audit: ['agent.registered'],
});

export const pollAgentWork = endpoint({
  operationId: 'pollAgentWork',
  method: 'POST',
  path: '/api/v1/agent/work',
  summary: 'Agent: report in and take directory operations of its tenant (held open until there is work)',
  tag,
  access: 'public',
  signedBy: 'agent',
  body: AgentWorkBody,
  status: 200,
  response: AgentWorkDto,
  errors: ['HRS_AGENT_REFUSED', 'HRS_RATE_LIMITED'],
  audit: ['agent.connected', 'agent.requests-limited'],
});

export const putAgentPage = endpoint({
  operationId: 'putAgentPage',
  method: 'POST',
  path: '/api/v1/agent/operations/:id/pages',
  summary: 'Agent: one page of a read’s accounts',
  tag,
  access: 'public',
  signedBy: 'agent',
  params: OperationParams,
  body: AgentPageBody,
  status: 200,
  response: AgentAckDto,
  errors: ['HRS_AGENT_REFUSED', 'HRS_CONFLICT', 'HRS_RATE_LIMITED'],
  audit: ['agent.operation-answered', 'agent.requests-limited'],
});

export const completeAgentOperation = endpoint({
  operationId: 'completeAgentOperation',
  method: 'POST',
  path: '/api/v1/agent/operations/:id/result',
  summary: 'Agent: the result of an operation; a repeat of the same result is acknowledged, not applied',
  tag,
  access: 'public',
  signedBy: 'agent',
  params: OperationParams,
  body: AgentResultBody,
  status: 200,
  response: AgentAckDto,
  errors: ['HRS_AGENT_REFUSED', 'HRS_CONFLICT', 'HRS_RATE_LIMITED'],
  audit: ['agent.operation-answered', 'agent.requests-limited'],
});

export const setTenantDirectoryAccess = endpoint({
  operationId: 'setTenantDirectoryAccess',
  method: 'PUT',
  path: '/api/v1/tenants/:id/directory-access',
  summary: 'Reach a hybrid tenant’s directory through its directory agents, or directly',
  tag,
  access: 'admin',
  params: IdParams,
  body: DirectoryAccessBody,
  status: 200,
  response: TenantDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['tenant.updated'],
});
