/** Audit events as sentences: one wording for the console and the CLI (src/contracts/audit-sentences.ts). */
export { actionLabel, actorName, auditActor, auditSentence } from '../api/contracts.ts';
