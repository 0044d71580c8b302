import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { CustomersTable } from '../database.ts';
import { toCount } from '../json.ts';
import type { Customer } from '../records.ts';

const toCustomer = (r: CustomersTable): Customer => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  createdAt: r.created_at,
});

export class CustomerRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(organisationId: string, name: string): Promise<Customer> {
    const row = { id: newId(), organisation_id: organisationId, name, created_at: this.ctx.clock.now() };
    await this.ctx.db.insertInto('customers').values(row).execute();
    return toCustomer(row);
  }

  async get(organisationId: string, id: string): Promise<Customer | null> {
    const row = await this.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCustomer(row) : null;
  }

  async list(organisationId: string): Promise<readonly Customer[]> {
    const rows = await this.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .execute();
    return rows.map(toCustomer);
  }

  async rename(organisationId: string, id: string, name: string): Promise<Customer | null> {
    await this.ctx.db
      .updateTable('customers')
      .set({ name })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  async tenantCount(organisationId: string, id: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('customer_id', '=', id)
      .executeTakeFirst();
    return toCount(row?.n);
  }

  async delete(organisationId: string, id: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('customers')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  }
}
