import type { Kysely } from 'kysely';
import type { Clock } from '../core/index.ts';
import type { Database } from './database.ts';
import type { SecretBox } from './secret-box.ts';
import type { TenantMemory } from './tenant-memory.ts';

export type DialectName = 'sqlite' | 'postgres';

/** What every repository gets: the (possibly transactional) database, its dialect, the clock and the key. */
export interface RepoContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly clock: Clock;
  readonly box: SecretBox;
  /** Decoded tenant caches kept between runs (a run thread's store); see tenant-memory.ts. */
  readonly tenantMemory?: TenantMemory;
}

export const newId = (): string => crypto.randomUUID();
