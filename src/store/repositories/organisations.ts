import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import { fromFlag, toFlag } from '../json.ts';
import type { Organisation } from '../records.ts';

type Row = {
  id: string;
  name: string;
  created_at: string;
  time_zone: string;
  require_admin_second_factor: number;
};
const toOrganisation = (r: Row): Organisation => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  createdAt: r.created_at,
  requireAdminSecondFactor: fromFlag(r.require_admin_second_factor),
});
const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

export class OrganisationRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(name: string, timeZone: string = DEFAULT_TIME_ZONE): Promise<Organisation> {
    const row = {
      id: newId(),
      name,
      created_at: this.ctx.clock.now(),
      time_zone: timeZone,
      require_admin_second_factor: 0,
    };
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

  async update(
    id: string,
    patch: {
      readonly name?: string;
      readonly timeZone?: string;
      readonly requireAdminSecondFactor?: boolean;
    },
  ): Promise<Organisation | null> {
    const values = {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.timeZone === undefined ? {} : { time_zone: patch.timeZone }),
      ...(patch.requireAdminSecondFactor === undefined
        ? {}
        : { require_admin_second_factor: toFlag(patch.requireAdminSecondFactor) }),
    };
    if (Object.keys(values).length > 0) {
      await this.ctx.db.updateTable('organisations').set(values).where('id', '=', id).execute();
    }
    return this.get(id);
  }

  async list(): Promise<readonly Organisation[]> {
    const rows = await this.ctx.db.selectFrom('organisations').selectAll().orderBy('name').execute();
    return rows.map(toOrganisation);
  }
}
