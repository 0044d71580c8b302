/**
 * An agent in a process of its own, so a test can kill it (SIGKILL) in the middle of a write batch.
 * Its local target is the Graph target against the emulator; AGENT_HOLD_AFTER_APPLY_MS makes it sit
 * on a finished batch before answering, so the kill lands between the writes and the answer.
 * AGENT_CREATE_ANSWERS (JSON, employee number → account id, or `{ "sameAs": employee number }`) makes
 * it answer those creates wrongly, as a faulty agent could: with that account, or with the account it
 * made for the other person in the same batch.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { startAgent } from '../../../src/app/agent.ts';
import type { GraphTargetConfig } from '../../../src/core/index.ts';
import { createGraphTarget } from '../../../src/targets/graph/index.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const holdMs = Number(process.env.AGENT_HOLD_AFTER_APPLY_MS ?? 0);
const createAnswers = JSON.parse(process.env.AGENT_CREATE_ANSWERS ?? '{}') as Record<
  string,
  string | { sameAs: string }
>;
const ca = readFileSync(env('GRAPH_CA_FILE'), 'utf8');

const agent = await startAgent({
  stateDir: env('AGENT_STATE_DIR'),
  caFile: env('AGENT_CA_FILE'),
  logLevel: 'debug',
  backoff: { initialMs: 100, maxMs: 1_000 },
  targetFactory: (settings) => {
    const target = createGraphTarget(
      { ...settings, credential: { type: 'secret', secret: { value: 'unused' } } } as GraphTargetConfig,
      { credential: { clientSecret: env('GRAPH_CLIENT_SECRET') }, ca },
    );
    return {
      ...target,
      async apply(writes, options) {
        const made = await target.apply(writes, options);
        const createOf = (n: string) =>
          writes.findIndex((w) => w.kind === 'create' && w.employeeNumber === n);
        const outcomes = made.map((o, i) => {
          const write = writes[i];
          const answer = write?.kind === 'create' ? createAnswers[write.employeeNumber] : undefined;
          if (!o.ok || answer === undefined) return o;
          const same = typeof answer === 'string' ? null : made[createOf(answer.sameAs)];
          const accountId = typeof answer === 'string' ? answer : same?.ok ? same.accountId : null;
          return { ...o, accountId };
        });
        if (holdMs > 0) {
          process.stdout.write(
            `${JSON.stringify({ msg: 'holding a finished write batch', writes: writes.length })}\n`,
          );
          await delay(holdMs);
        }
        return outcomes;
      },
    };
  },
});
process.on('SIGTERM', () => void agent.stop().then(() => process.exit(0)));
await agent.done;
