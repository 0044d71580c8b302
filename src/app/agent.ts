/**
 * Composition root of `hrsync agent run`: the state folder, the signed client, the journal, the
 * logger (JSON lines on stdout) and the local target factory.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  AgentClient,
  AgentRuntime,
  AgentStateDir,
  type AgentTargetFactory,
  requestSigner,
  WriteJournal,
} from '../agent/index.ts';
import { createLogger } from './logger.ts';

export interface AgentRunOptions {
  readonly stateDir: string;
  readonly logLevel?: string;
  /** PEM file of a certificate authority to trust for the service (a private CA). */
  readonly caFile?: string | undefined;
  readonly concurrency?: number;
  /** The local target: the one the service uses for directly reachable controllers (agent-targets.ts). */
  readonly targetFactory: AgentTargetFactory;
  readonly logger?: Logger;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

export interface RunningAgent {
  readonly runtime: AgentRuntime;
  /** Resolves when the agent stopped (stop(), or refused by the service). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export async function startAgent(options: AgentRunOptions): Promise<RunningAgent> {
  const state = new AgentStateDir(options.stateDir);
  const identity = state.identity();
  const log =
    options.logger ?? createLogger({ level: options.logLevel ?? 'info' }).child({ agent: identity.name });
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  const client = new AgentClient(
    { server: identity.server, ca },
    await requestSigner(identity.agentId, state.privateKey()),
  );
  const runtime = new AgentRuntime({
    client,
    targetFactory: options.targetFactory,
    secrets: state.secrets(),
    journal: new WriteJournal(state.journalPath()),
    log,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  log.info(
    { server: identity.server, tenant: identity.tenantName, agentId: identity.agentId },
    'hrsync agent starting',
  );
  const done = runtime.run().finally(() => client.close());
  return {
    runtime,
    done,
    async stop() {
      runtime.stop();
      await done;
    },
  };
}
