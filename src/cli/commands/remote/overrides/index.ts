/**
 * `hrsync overrides …` and `hrsync quarantine …`: a connection's overrides of the match stage (link,
 * exclude, never match) and its quarantined persons, on a running service (issue 11, items 5 and 2).
 */
import { Command, Option } from 'commander';
import {
  addOverride,
  listOverrides,
  listQuarantine,
  OVERRIDE_WORDS,
  type ResponseOf,
  refusalWords,
  releaseQuarantine,
  removeOverride,
} from '../../../../contracts/index.ts';
import { OVERRIDE_KINDS, type OverrideKind } from '../../../../core/index.ts';
import { hrsyncCommand } from '../../../command-table.ts';
import { CliError } from '../cli-error.ts';
import { timeIn, toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable } from '../table.ts';
import { runPlace } from '../time-zones.ts';

type OverrideRow = ResponseOf<typeof listOverrides>['overrides'][number];
type QuarantineRow = ResponseOf<typeof listQuarantine>['persons'][number];

const account = (a: { upn: string | null } | null, id: string | null) => a?.upn ?? id ?? '—';
/** "Eva de Vries (100015)", or "employee 100015" before a run has planned the person. */
const personText = (o: OverrideRow) =>
  o.personName ? `${o.personName} (${o.employeeNumber})` : `employee ${o.employeeNumber}`;
/**
 * "linked to eva.devries@contoso.nl", "excluded": what an override decides, in the console's words,
 * the account by its UPN where the tenant's last read knows it.
 */
const overrideText = (o: OverrideRow) =>
  `${OVERRIDE_WORDS[o.kind].toLowerCase()}${o.kind === 'exclude' || o.accountId === null ? '' : ` ${account(o.account, o.accountId)}`}`;

const overrideColumns = (zone: string): readonly Column<OverrideRow>[] => [
  { header: 'person', value: personText },
  { header: 'override', value: (o) => OVERRIDE_WORDS[o.kind] },
  { header: 'account', value: (o) => (o.kind === 'exclude' ? '—' : account(o.account, o.accountId)) },
  { header: 'reason', value: (o) => o.reason ?? '—' },
  { header: 'added', value: (o) => `${timeIn(o.createdAt, zone)} by ${o.createdByName}` },
  { header: 'id', value: (o) => o.id },
];

const quarantineColumns = (zone: string): readonly Column<QuarantineRow>[] => [
  { header: 'person', value: (q) => `${q.displayName} (${q.employeeNumber})` },
  { header: 'account', value: (q) => account(q.account, q.accountId) },
  { header: 'since', value: (q) => timeIn(q.since, zone) },
  // What Microsoft 365 refused and what to do; Graph's own answer stays in --json.
  { header: 'because', value: (q) => refusalWords(q.message) },
];

function overridesList(): Command {
  return withRemoteOptions(new Command('list'))
    .description("List a connection's overrides")
    .argument('<connection>', 'connection id or exact name')
    .action((ref: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const c = await resolveConnection(client, ref);
        const list = await client.call(listOverrides, { params: { id: c.id } });
        if (json) out(toJson(list));
        else if (list.overrides.length === 0) out(`Connection "${c.name}" has no overrides.`);
        else {
          const { zone } = await runPlace(client, c.id);
          for (const line of formatTable(overrideColumns(zone), list.overrides)) out(line);
        }
        return 0;
      }),
    );
}

interface AddFlags extends RemoteFlags {
  readonly kind: OverrideKind;
  readonly employee: string;
  readonly account?: string;
  readonly reason?: string;
}

function overridesAdd(): Command {
  return withRemoteOptions(new Command('add'))
    .description('Add an override; the next simulation shows its effect')
    .argument('<connection>', 'connection id or exact name')
    .addOption(
      new Option('--kind <kind>', 'what to decide').choices([...OVERRIDE_KINDS]).makeOptionMandatory(),
    )
    .requiredOption('--employee <number>', 'the employee number')
    .option('--account <id>', 'the account (object id) of a link or never-match')
    .option('--reason <text>', 'why; kept with the override and in the audit log')
    .action((ref: string, flags: AddFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        if (flags.kind !== 'exclude' && flags.account === undefined)
          throw new CliError('HRS_VALIDATION', `--kind ${flags.kind} needs --account <id>`);
        const c = await resolveConnection(client, ref);
        const added = await client.call(addOverride, {
          params: { id: c.id },
          body: {
            kind: flags.kind,
            employeeNumber: flags.employee,
            ...(flags.account === undefined ? {} : { accountId: flags.account }),
            ...(flags.reason === undefined ? {} : { reason: flags.reason }),
          },
        });
        if (json) out(toJson(added));
        else {
          out(
            `Override added to "${c.name}": ${personText(added.override)} ${overrideText(added.override)}.`,
          );
          for (const r of added.replaced) out(`It replaces: ${overrideText(r)}.`);
          if (added.released) out('The person is released from quarantine.');
        }
        return 0;
      }),
    );
}

function overridesRemove(): Command {
  return withRemoteOptions(new Command('remove'))
    .description('Remove an override')
    .argument('<connection>', 'connection id or exact name')
    .argument('<overrideId>', 'the override id (see `hrsync overrides list`)')
    .action((ref: string, overrideId: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const c = await resolveConnection(client, ref);
        const removed = await client.call(removeOverride, { params: { id: c.id, overrideId } });
        if (json) out(toJson(removed));
        else out(`Override removed from "${c.name}": ${personText(removed)} ${overrideText(removed)}.`);
        return 0;
      }),
    );
}

export function overridesCommand(): Command {
  return hrsyncCommand('overrides')
    .addCommand(overridesList())
    .addCommand(overridesAdd())
    .addCommand(overridesRemove());
}

function quarantineList(): Command {
  return withRemoteOptions(new Command('list'))
    .description("List a connection's quarantined persons")
    .argument('<connection>', 'connection id or exact name')
    .action((ref: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const c = await resolveConnection(client, ref);
        const list = await client.call(listQuarantine, { params: { id: c.id } });
        if (json) out(toJson(list));
        else if (list.persons.length === 0) out(`Nobody is quarantined on "${c.name}".`);
        else {
          const { zone } = await runPlace(client, c.id);
          for (const line of formatTable(quarantineColumns(zone), list.persons)) out(line);
        }
        return 0;
      }),
    );
}

function quarantineRelease(): Command {
  return withRemoteOptions(new Command('release'))
    .description('Release a quarantined person (or --all): the next sync sends them again')
    .argument('<connection>', 'connection id or exact name')
    .option('--employee <number>', 'the employee number')
    .option('--all', 'release everyone')
    .action((ref: string, flags: RemoteFlags & { readonly employee?: string; readonly all?: boolean }) =>
      runRemote(flags, async ({ client, json, out }) => {
        if ((flags.employee === undefined) === (flags.all !== true))
          throw new CliError('HRS_VALIDATION', 'give either --employee <number> or --all');
        const c = await resolveConnection(client, ref);
        const released = await client.call(releaseQuarantine, {
          params: { id: c.id },
          body: flags.employee === undefined ? {} : { employeeNumber: flags.employee },
        });
        if (json) out(toJson(released));
        else out(`Released ${released.released.length} from quarantine on "${c.name}".`);
        return 0;
      }),
    );
}

export function quarantineCommand(): Command {
  return hrsyncCommand('quarantine').addCommand(quarantineList()).addCommand(quarantineRelease());
}
