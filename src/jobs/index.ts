/** Runs in the background: queueing, the worker, the scheduler and the schedule rules. */

export { agentDispatch } from './agent-dispatch.ts';
export { type AgentTimings, DEFAULT_AGENT_TIMINGS } from './agent-timings.ts';
export { assembleConfig, configHash, resolveRunSecrets } from './connection-config.ts';
export type { Connectors, CredentialMaterial, SourceTestResult } from './connectors.ts';
export { engineExecutor } from './engine-executor.ts';
export type { ExecutionContext, ExecutionResult, RunExecutor } from './executor.ts';
export { type ItemTally, type RunMetrics, ServiceMetrics, tallyItems } from './metrics.ts';
export { DEFAULT_MAX_ATTEMPTS, requestRun } from './run-requests.ts';
export { localLabel, nextRunAt, nextRuns, type ScheduleSpec, validateSchedule } from './schedule.ts';
export { SCHEDULER_ACTOR, Scheduler } from './scheduler.ts';
export { Worker, type WorkerLog, type WorkerOptions, workerId } from './worker.ts';
