import type { Command } from 'commander';
import { fail, serviceConfig } from '../../app/cli-support.ts';
import { createOrganisationCommand } from '../../app/index.ts';
import { hrsyncCommand } from '../command-table.ts';

/** `hrsync admin create-organisation`: another MSP on an installation that hosts several. */
export function adminCommand(): Command {
  const admin = hrsyncCommand('admin');
  admin
    .command('create-organisation')
    .description(
      'Create an organisation and its first admin; the password is HRSYNC_ADMIN_PASSWORD or generated and shown once',
    )
    .requiredOption('--name <name>', 'the organisation’s name')
    .requiredOption('--admin-email <email>', 'e-mail address of its first admin')
    .option('--admin-name <name>', 'display name of the admin', 'Administrator')
    .option('--time-zone <zone>', 'IANA time zone of the organisation', 'Europe/Amsterdam')
    .option('--data-dir <path>', 'data folder: SQLite database and secret key (HRSYNC_DATA_DIR)')
    .action(async (options) => {
      const config = serviceConfig({ logLevel: 'warn', ...options });
      const print = (line: string) => process.stdout.write(`${line}\n`);
      try {
        const created = await createOrganisationCommand(
          config,
          {
            name: options.name,
            email: options.adminEmail,
            adminName: options.adminName,
            timeZone: options.timeZone,
          },
          print,
        );
        print(`Organisation "${options.name}" created (id ${created.organisationId}).`);
        print(
          created.generatedPassword
            ? `Its admin signs in as ${created.email} with password ${created.generatedPassword} (shown once).`
            : `Its admin signs in as ${created.email} with the password from HRSYNC_ADMIN_PASSWORD.`,
        );
      } catch (error) {
        fail(error);
      }
    });
  return admin;
}
