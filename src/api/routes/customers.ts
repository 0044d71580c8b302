import type { FastifyInstance } from 'fastify';
import { createCustomer, deleteCustomer, listCustomers, renameCustomer } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { isUniqueViolation } from '../../store/index.ts';
import { nameTaken } from '../connections/load.ts';
import { toCustomerDto } from '../dto/tenants.ts';
import { registerEndpoint } from '../route.ts';

const notFound = (id: string) =>
  new HrsyncError('HRS_NOT_FOUND', `Customer ${id} was not found in your organisation.`);

export async function customerRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listCustomers, async ({ caller, store }) => ({
    items: (await store.customers.list(caller.organisationId)).map(toCustomerDto),
  }));

  registerEndpoint(app, createCustomer, async ({ caller, store, body, audit }) => {
    try {
      const customer = await store.customers.create(caller.organisationId, body.name.trim());
      await audit('customer.created', {
        message: `customer "${customer.name}" created`,
        details: { customerId: customer.id, name: customer.name },
      });
      return toCustomerDto(customer);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken('customer', body.name);
      throw error;
    }
  });

  registerEndpoint(app, renameCustomer, async ({ caller, store, params, body, audit }) => {
    const before = await store.customers.get(caller.organisationId, params.id);
    if (!before) throw notFound(params.id);
    try {
      const customer = await store.customers.rename(caller.organisationId, params.id, body.name.trim());
      await audit('customer.renamed', {
        message: `customer "${before.name}" renamed to "${body.name.trim()}"`,
        details: { customerId: before.id, name: { old: before.name, new: body.name.trim() } },
      });
      return toCustomerDto(customer ?? before);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken('customer', body.name);
      throw error;
    }
  });

  registerEndpoint(app, deleteCustomer, async ({ caller, store, params, audit }) => {
    const customer = await store.customers.get(caller.organisationId, params.id);
    if (!customer) throw notFound(params.id);
    const tenants = await store.customers.tenantCount(caller.organisationId, params.id);
    if (tenants > 0) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        `Customer "${customer.name}" still has ${tenants} tenant(s); delete them first.`,
      );
    }
    await store.customers.delete(caller.organisationId, params.id);
    await audit('customer.deleted', {
      message: `customer "${customer.name}" deleted`,
      details: { customerId: customer.id, name: customer.name },
    });
    return undefined;
  });
}
