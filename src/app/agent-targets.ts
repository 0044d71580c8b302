/**
 * The agent's local targets: the same factory the service uses for domain controllers it reaches
 * itself (realConnectors), given the settings the service sent and the bind password kept on the
 * agent — entered with `hrsync agent set-bind-password`, or HRSYNC_AGENT_BIND_PASSWORD.
 */
import type { AgentSecrets, AgentTargetFactory } from '../agent/index.ts';
import type { DirectoryTargetConfig } from '../core/index.ts';
import { HrsyncError } from '../core/index.ts';
import { AGENT_BIND_PASSWORD_ENV } from '../targets/remote/index.ts';
import { realConnectors } from './connectors.ts';

export function agentTargetFactory(env: NodeJS.ProcessEnv = process.env): AgentTargetFactory {
  const connectors = realConnectors();
  return (settings, secrets: AgentSecrets) => {
    if (settings.type !== 'active-directory') {
      throw new HrsyncError(
        'HRS_CONFIG_INVALID',
        `This agent cannot reach a "${String(settings.type)}" target; directory agents carry out Active Directory operations.`,
      );
    }
    const bindPassword = secrets.bindPassword ?? env[AGENT_BIND_PASSWORD_ENV];
    if (!bindPassword) {
      throw new HrsyncError(
        'HRS_SECRET_UNRESOLVED',
        'The agent has no bind password for the domain controllers: run "hrsync agent set-bind-password" on the agent.',
      );
    }
    const config = {
      ...settings,
      bindPassword: { env: AGENT_BIND_PASSWORD_ENV },
    } as DirectoryTargetConfig;
    return connectors.target(config, { bindPassword });
  };
}
