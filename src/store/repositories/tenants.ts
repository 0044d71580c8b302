import type { TenantType } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { TenantsTable } from '../database.ts';
import { fromFlag, fromJson, toCount, toFlag, toJson } from '../json.ts';
import type { CredentialStatus, Tenant, TenantCredentialRef, TenantDirectory } from '../records.ts';

const toTenant = (r: TenantsTable): Tenant => ({
  id: r.id,
  organisationId: r.organisation_id,
  customerId: r.customer_id,
  name: r.name,
  type: r.type as TenantType,
  directoryId: r.directory_id,
  verifiedDomains: fromJson<string[]>(r.verified_domains) ?? [],
  clientId: r.client_id,
  credential: fromJson<TenantCredentialRef>(r.credential),
  authorityHost: r.authority_host,
  graphBaseUrl: r.graph_base_url,
  directory: fromJson<TenantDirectory>(r.directory ?? null),
  subscriptionActive: fromFlag(r.subscription_active),
  directoryViaAgents: fromFlag(r.directory_via_agents),
  credentialStatus: r.credential_status as CredentialStatus,
  credentialMessage: r.credential_message,
  credentialTestedAt: r.credential_tested_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What an administrator sets on a tenant; the rest is identity, status and bookkeeping. */
export type TenantFields = Pick<
  Tenant,
  | 'customerId'
  | 'name'
  | 'type'
  | 'directoryId'
  | 'verifiedDomains'
  | 'clientId'
  | 'credential'
  | 'authorityHost'
  | 'graphBaseUrl'
  | 'subscriptionActive'
> & {
  /** Hybrid tenants' directory settings; left out = none. */
  readonly directory?: TenantDirectory | null;
};

/** The columns of the administrator's fields, written the same way on create and update. */
const fieldColumns = (input: TenantFields) =>
  ({
    customer_id: input.customerId,
    name: input.name,
    type: input.type,
    directory_id: input.directoryId,
    verified_domains: toJson(input.verifiedDomains),
    client_id: input.clientId,
    credential: input.credential === null ? null : toJson(input.credential),
    authority_host: input.authorityHost,
    graph_base_url: input.graphBaseUrl,
    directory: input.directory == null ? null : toJson(input.directory),
    subscription_active: toFlag(input.subscriptionActive),
  }) satisfies Partial<TenantsTable>;

export class TenantRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(organisationId: string, input: TenantFields): Promise<Tenant> {
    const now = this.ctx.clock.now();
    const row: TenantsTable = {
      id: newId(),
      organisation_id: organisationId,
      ...fieldColumns(input),
      credential_status: 'untested',
      credential_message: null,
      credential_tested_at: null,
      directory_via_agents: 0,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.insertInto('tenants').values(row).execute();
    return toTenant(row);
  }

  async get(organisationId: string, id: string): Promise<Tenant | null> {
    const row = await this.ctx.db
      .selectFrom('tenants')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toTenant(row) : null;
  }

  async list(organisationId: string, customerId?: string): Promise<readonly Tenant[]> {
    const rows = await this.ctx.db
      .selectFrom('tenants')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .$if(customerId !== undefined, (q) => q.where('customer_id', '=', customerId as string))
      .orderBy('name')
      .execute();
    return rows.map(toTenant);
  }

  /** Replaces the given fields; a changed identity or credential resets the tested status. */
  async update(organisationId: string, id: string, input: TenantFields): Promise<Tenant | null> {
    const before = await this.get(organisationId, id);
    if (!before) return null;
    const identityChanged =
      before.directoryId !== input.directoryId ||
      before.clientId !== input.clientId ||
      JSON.stringify(before.credential) !== JSON.stringify(input.credential) ||
      before.authorityHost !== input.authorityHost ||
      before.graphBaseUrl !== input.graphBaseUrl ||
      JSON.stringify(before.directory) !== JSON.stringify(input.directory ?? null);
    await this.ctx.db
      .updateTable('tenants')
      .set({
        ...fieldColumns(input),
        updated_at: this.ctx.clock.now(),
        ...(identityChanged
          ? { credential_status: 'untested', credential_message: null, credential_tested_at: null }
          : {}),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  async recordCredentialTest(
    organisationId: string,
    id: string,
    status: CredentialStatus,
    message: string,
  ): Promise<Tenant | null> {
    await this.ctx.db
      .updateTable('tenants')
      .set({
        credential_status: status,
        credential_message: message,
        credential_tested_at: this.ctx.clock.now(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  /** Whether the directory is reached through the tenant's directory agents. */
  async setDirectoryViaAgents(
    organisationId: string,
    id: string,
    viaAgents: boolean,
  ): Promise<Tenant | null> {
    await this.ctx.db
      .updateTable('tenants')
      .set({ directory_via_agents: toFlag(viaAgents), updated_at: this.ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  async connectionCount(organisationId: string, id: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('tenant_id', '=', id)
      .executeTakeFirst();
    return toCount(row?.n);
  }

  async delete(organisationId: string, id: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('tenants')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  }
}
