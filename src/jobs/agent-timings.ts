/** How long the service and its agents wait for each other (issue 9); one place, sent to the agents. */
export interface AgentTimings {
  /** A work request with nothing to do is held open this long (long poll). */
  readonly holdMs: number;
  /** A working agent reports in at least this often. */
  readonly heartbeatMs: number;
  /** An agent not heard from for this long is silent: its operations go to another agent. */
  readonly silenceMs: number;
  /** A run waits this long for any agent to take an operation before failing. */
  readonly claimTimeoutMs: number;
}

export const DEFAULT_AGENT_TIMINGS: AgentTimings = {
  holdMs: 20_000,
  heartbeatMs: 5_000,
  silenceMs: 30_000,
  claimTimeoutMs: 60_000,
};
