import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { Organisation } from '../records.ts';

type Row = { id: string; name: string; created_at: string };
const toOrganisation = (r: Row): Organisation => ({ id: r.id, name: r.name, createdAt: r.created_at });

export class OrganisationRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(name: string): Promise<Organisation> {
    const row = { id: newId(), name, created_at: this.ctx.clock.now() };
    await this.ctx.db.insertInto('organisations').values(row).execute();
    return toOrganisation(row);
  }

  async get(id: string): Promise<Organisation | null> {
    const row = await this.ctx.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toOrganisation(row) : null;
  }

  async list(): Promise<readonly Organisation[]> {
    const rows = await this.ctx.db.selectFrom('organisations').selectAll().orderBy('name').execute();
    return rows.map(toOrganisation);
  }
}
