/**
 * `hrsync agents …`: directory agents of a hybrid tenant on a running service — register one (its
 * one-time key is printed once), list them, revoke one.
 */
import { Command } from 'commander';
import {
  agentStatusWords,
  createAgentRegistration,
  listAgents,
  type ResponseOf,
  revokeAgent,
} from '../../../../contracts/index.ts';
import { hrsyncCommand } from '../../../command-table.ts';
import { timeIn, toJson } from '../format.ts';
import { type RemoteFlags, remoteSettings, withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable } from '../table.ts';
import { organisationZone } from '../time-zones.ts';

type AgentRow = ResponseOf<typeof listAgents>['items'][number];

const columns = (zone: string): readonly Column<AgentRow>[] => [
  { header: 'name', value: (a) => a.name },
  { header: 'status', value: (a) => agentStatusWords(a.status, a.connected) },
  { header: 'host', value: (a) => a.host ?? '—' },
  { header: 'version', value: (a) => a.version ?? '—' },
  { header: 'connected since', value: (a) => timeIn(a.connectedSince, zone) },
  { header: 'last heard', value: (a) => timeIn(a.lastSeenAt, zone) },
  {
    header: 'controllers',
    value: (a) =>
      a.controllers === null
        ? '—'
        : a.controllers.ok
          ? 'answering'
          : `NOT answering: ${a.controllers.message}`,
  },
  { header: 'added', value: (a) => `${timeIn(a.createdAt, zone)} by ${a.createdByName}` },
  { header: 'id', value: (a) => a.id },
];

interface TenantFlags extends RemoteFlags {
  readonly tenant: string;
}

function listCommand(): Command {
  return withRemoteOptions(new Command('list'))
    .description('List the directory agents of a tenant')
    .requiredOption('--tenant <id>', 'the hybrid tenant')
    .action((flags: TenantFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const list = await client.call(listAgents, { params: { id: flags.tenant } });
        if (json) out(toJson(list));
        else if (list.items.length === 0) out('This tenant has no directory agents.');
        else {
          const zone = await organisationZone(client);
          for (const line of formatTable(columns(zone), list.items)) out(line);
        }
        return 0;
      }),
    );
}

function addCommand(): Command {
  return withRemoteOptions(new Command('add'))
    .description('Register a directory agent; prints its one-time key (shown once, valid for an hour)')
    .requiredOption('--tenant <id>', 'the hybrid tenant')
    .requiredOption('--name <name>', 'a name that tells the agent apart, e.g. its server')
    .action((flags: TenantFlags & { readonly name: string }) =>
      runRemote(flags, async ({ client, json, out }) => {
        const created = await client.call(createAgentRegistration, {
          params: { id: flags.tenant },
          body: { name: flags.name },
        });
        if (json) {
          out(toJson(created));
          return 0;
        }
        out(
          `Agent "${created.agent.name}" registered. Its one-time key (shown once, valid until ${timeIn(created.expiresAt, await organisationZone(client))}):`,
        );
        out('');
        out(`  ${created.key}`);
        out('');
        out('On a machine inside the customer’s network that reaches the domain controllers:');
        out(
          `  hrsync agent register --server ${remoteSettings(flags).url} --key <the key> --state-dir /var/lib/hrsync-agent`,
        );
        out('  hrsync agent set-bind-password --state-dir /var/lib/hrsync-agent');
        out('  hrsync agent run --state-dir /var/lib/hrsync-agent');
        return 0;
      }),
    );
}

function revokeCommand(): Command {
  return withRemoteOptions(new Command('revoke'))
    .description('Revoke a directory agent: it is refused from its next request on')
    .argument('<agentId>', 'the agent id')
    .action((id: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const agent = await client.call(revokeAgent, { params: { id } });
        if (json) out(toJson(agent));
        else out(`Agent "${agent.name}" is revoked.`);
        return 0;
      }),
    );
}

export function agentsCommand(): Command {
  return hrsyncCommand('agents')
    .addCommand(listCommand())
    .addCommand(addCommand())
    .addCommand(revokeCommand());
}
