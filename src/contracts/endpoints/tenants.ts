import { Type as T } from '@sinclair/typebox';
import { endpoint } from '../endpoint.ts';
import { IdParams } from '../schemas/common.ts';
import {
  CredentialTestDto,
  CustomerBody,
  CustomerDto,
  NewTenantBody,
  TenantDto,
  TenantPatchBody,
  TenantQuery,
  UnsavedCredentialTestDto,
} from '../schemas/tenants.ts';

const tag = 'Customers and tenants';

export const listCustomers = endpoint({
  operationId: 'listCustomers',
  method: 'GET',
  path: '/api/v1/customers',
  summary: 'Customers of your organisation',
  tag,
  access: 'viewer',
  status: 200,
  response: T.Object({ items: T.Array(CustomerDto) }),
  errors: [],
  audit: 'read-only',
});

export const createCustomer = endpoint({
  operationId: 'createCustomer',
  method: 'POST',
  path: '/api/v1/customers',
  summary: 'Create a customer',
  tag,
  access: 'admin',
  body: CustomerBody,
  status: 201,
  response: CustomerDto,
  errors: ['HRS_CONFLICT'],
  audit: ['customer.created'],
});

export const renameCustomer = endpoint({
  operationId: 'renameCustomer',
  method: 'PATCH',
  path: '/api/v1/customers/:id',
  summary: 'Rename a customer',
  tag,
  access: 'admin',
  params: IdParams,
  body: CustomerBody,
  status: 200,
  response: CustomerDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['customer.renamed'],
});

export const deleteCustomer = endpoint({
  operationId: 'deleteCustomer',
  method: 'DELETE',
  path: '/api/v1/customers/:id',
  summary: 'Delete a customer that has no tenants',
  tag,
  access: 'admin',
  params: IdParams,
  status: 204,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['customer.deleted'],
});

export const listTenants = endpoint({
  operationId: 'listTenants',
  method: 'GET',
  path: '/api/v1/tenants',
  summary: 'Microsoft 365 tenants, optionally of one customer',
  tag,
  access: 'viewer',
  query: TenantQuery,
  status: 200,
  response: T.Object({ items: T.Array(TenantDto) }),
  errors: [],
  audit: 'read-only',
});

export const getTenant = endpoint({
  operationId: 'getTenant',
  method: 'GET',
  path: '/api/v1/tenants/:id',
  summary: 'One tenant, with its credential and consent status',
  tag,
  access: 'viewer',
  params: IdParams,
  status: 200,
  response: TenantDto,
  errors: ['HRS_NOT_FOUND'],
  audit: 'read-only',
});

export const createTenant = endpoint({
  operationId: 'createTenant',
  method: 'POST',
  path: '/api/v1/tenants',
  summary: 'Register a customer’s Microsoft 365 tenant and its app credentials',
  tag,
  access: 'admin',
  body: NewTenantBody,
  status: 201,
  response: TenantDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['tenant.created'],
});

export const updateTenant = endpoint({
  operationId: 'updateTenant',
  method: 'PATCH',
  path: '/api/v1/tenants/:id',
  summary: 'Change a tenant; credentials left out are kept',
  tag,
  access: 'admin',
  params: IdParams,
  body: TenantPatchBody,
  status: 200,
  response: TenantDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['tenant.updated'],
});

export const deleteTenant = endpoint({
  operationId: 'deleteTenant',
  method: 'DELETE',
  path: '/api/v1/tenants/:id',
  summary: 'Delete a tenant that no connection uses; its secrets are destroyed',
  tag,
  access: 'admin',
  params: IdParams,
  status: 204,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['tenant.deleted'],
});

export const testTenantCredentials = endpoint({
  operationId: 'testTenantCredentials',
  method: 'POST',
  path: '/api/v1/tenants/:id/test-credentials',
  summary: 'Sign in to the tenant with its app credentials and check the Graph permissions',
  tag,
  access: 'operator',
  params: IdParams,
  status: 200,
  response: CredentialTestDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['tenant.credentials-tested'],
});

export const testUnsavedTenantCredentials = endpoint({
  operationId: 'testUnsavedTenantCredentials',
  method: 'POST',
  path: '/api/v1/tenants/:id/test-credentials/unsaved',
  summary:
    'Test a tenant’s changed settings before saving them (nothing is stored). Credentials left out are the ' +
    'stored ones, used only with the endpoints they were saved for: changed hosts or controllers need them again',
  tag,
  access: 'admin',
  params: IdParams,
  body: TenantPatchBody,
  status: 200,
  response: UnsavedCredentialTestDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['tenant.credentials-tested'],
});

export const testNewTenantCredentials = endpoint({
  operationId: 'testNewTenantCredentials',
  method: 'POST',
  path: '/api/v1/tenants/test-credentials',
  summary: 'Test the settings of a tenant not registered yet (nothing is stored)',
  tag,
  access: 'admin',
  body: TenantPatchBody,
  status: 200,
  response: UnsavedCredentialTestDto,
  errors: [],
  audit: ['tenant.credentials-tested'],
});
