import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { fromJson, toJson } from '../json.ts';

/** An Entra group (object id) or app role (value) whose members get an hrsync role. */
export interface RoleMapping {
  readonly claim: 'groups' | 'roles';
  readonly value: string;
  readonly role: Role;
}

export interface MicrosoftSignInSettings {
  readonly enabled: boolean;
  /** The Entra tenant (directory) id, a GUID. */
  readonly tenantId: string;
  readonly clientId: string;
  /** Sealed; only ever sent to `authorityHost`. */
  readonly clientSecretId: string;
  /** `https://login.microsoftonline.com` (or a national cloud; an emulator where allowed). */
  readonly authorityHost: string;
  readonly mappings: readonly RoleMapping[];
}

export interface SignInAttempt {
  readonly state: string;
  readonly organisationId: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly createdAt: string;
}

export class MicrosoftSignInRepository {
  constructor(private readonly ctx: RepoContext) {}

  async get(organisationId: string): Promise<MicrosoftSignInSettings | null> {
    const row = await this.ctx.db
      .selectFrom('sign_in_settings')
      .select('settings')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row ? fromJson<MicrosoftSignInSettings>(row.settings) : null;
  }

  async set(organisationId: string, settings: MicrosoftSignInSettings): Promise<void> {
    const values = { settings: toJson(settings), updated_at: this.ctx.clock.now() };
    const updated = await this.ctx.db
      .updateTable('sign_in_settings')
      .set(values)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.ctx.db
        .insertInto('sign_in_settings')
        .values({ organisation_id: organisationId, ...values })
        .execute();
    }
  }

  /** Organisations whose Microsoft sign-in is on (the sign-in page's button needs exactly one, or a link). */
  async enabledOrganisations(): Promise<readonly string[]> {
    const rows = await this.ctx.db.selectFrom('sign_in_settings').selectAll().execute();
    return rows
      .filter((r) => fromJson<MicrosoftSignInSettings>(r.settings)?.enabled === true)
      .map((r) => r.organisation_id);
  }

  async begin(attempt: Omit<SignInAttempt, 'createdAt'>): Promise<void> {
    const now = this.ctx.clock.now();
    // Old attempts are dropped on the way (an abandoned sign-in leaves one row).
    const cutoff = new Date(Date.parse(now) - 15 * 60_000).toISOString();
    await this.ctx.db.deleteFrom('sign_in_attempts').where('created_at', '<', cutoff).execute();
    await this.ctx.db
      .insertInto('sign_in_attempts')
      .values({
        state: attempt.state,
        organisation_id: attempt.organisationId,
        nonce: attempt.nonce,
        code_verifier: attempt.codeVerifier,
        redirect_uri: attempt.redirectUri,
        created_at: now,
      })
      .execute();
  }

  /** Takes an attempt out (single use); null when unknown or older than 10 minutes. */
  async take(state: string): Promise<SignInAttempt | null> {
    const row = await this.ctx.db
      .selectFrom('sign_in_attempts')
      .selectAll()
      .where('state', '=', state)
      .executeTakeFirst();
    if (!row) return null;
    await this.ctx.db.deleteFrom('sign_in_attempts').where('state', '=', state).execute();
    if (Date.parse(this.ctx.clock.now()) - Date.parse(row.created_at) > 10 * 60_000) return null;
    return {
      state: row.state,
      organisationId: row.organisation_id,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      redirectUri: row.redirect_uri,
      createdAt: row.created_at,
    };
  }
}
