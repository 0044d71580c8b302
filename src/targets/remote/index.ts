/** The Target port carried out by a directory agent: the remote target and its wire format. */
export { type AnswerProblem, pageProblems, resultProblems } from './answers.ts';
export type { DispatchOutcome, OperationDispatch, SilentAgent } from './dispatch.ts';
export {
  AGENT_BIND_PASSWORD_ENV,
  MAX_PAGE_BYTES,
  MAX_READ_BYTES,
  MAX_READ_PAGES,
  OPERATION_KINDS,
  type OperationError,
  type OperationKind,
  type OperationPayloads,
  type OperationResult,
  type OperationValues,
  READ_PAGE_SIZE,
  type RemoteTargetSettings,
} from './operations.ts';
export { createRemoteTarget, type RemoteTargetOptions } from './remote-target.ts';
