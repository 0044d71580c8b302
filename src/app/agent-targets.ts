/**
 * The agent's local targets: the same target factory the service uses for directory controllers it
 * reaches itself, given the settings the service sent and the secrets kept on the agent.
 */
import type { AgentTargetFactory } from '../agent/index.ts';
import { HrsyncError } from '../core/index.ts';

export const defaultTargetFactory: AgentTargetFactory = (settings) => {
  throw new HrsyncError(
    'HRS_CONFIG_INVALID',
    `This agent cannot reach a "${String(settings.type)}" target; directory agents carry out Active Directory operations.`,
  );
};
