/**
 * Connections prepared through the API for the tests that are about something else (copying, a
 * viewer, a blocked run); the create-and-configure flow itself is driven through the console.
 */
import {
  activateConnection,
  createConnection,
  getRun,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  simulate,
  sync,
} from '../../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../../src/engine/index.ts';
import type { Stack } from './stack.ts';

type Thresholds = { -readonly [K in keyof typeof DEFAULT_SECTIONS.thresholds]: number | null };

export async function configuredConnection(
  stack: Stack,
  options: { name: string; tenantId: string; thresholds?: Thresholds },
): Promise<string> {
  const { id } = await stack.api<{ id: string }>(createConnection, {
    as: 'operator',
    body: { name: options.name, description: 'prepared by the test', destinationType: 'cloud' },
  });
  const params = { id };
  await stack.api(saveSourceStep, {
    as: 'operator',
    params,
    body: { environment: { baseUrl: stack.afas.baseUrl }, token: stack.afas.token.xml },
  });
  await stack.api(saveDestinationStep, {
    as: 'operator',
    params,
    body: { tenantId: options.tenantId, defaultDomain: 'contoso.nl' },
  });
  await stack.api(saveMappingStep, {
    as: 'operator',
    params,
    body: {
      mapping: structuredClone(DEFAULT_SECTIONS.mapping),
      matching: [...DEFAULT_SECTIONS.matching],
      uniqueness: structuredClone(DEFAULT_SECTIONS.uniqueness),
      writeBack: { email: false, upn: false },
    },
  });
  await stack.api(saveScopeStep, {
    as: 'operator',
    params,
    body: {
      scope: structuredClone(DEFAULT_SECTIONS.scope),
      persons: structuredClone(DEFAULT_SECTIONS.persons),
      lifecycle: structuredClone(DEFAULT_SECTIONS.lifecycle),
      thresholds: options.thresholds ?? structuredClone(DEFAULT_SECTIONS.thresholds),
      timeZone: 'Europe/Amsterdam',
    },
  });
  return id;
}

interface RunView {
  readonly id: string;
  readonly status: string;
  readonly blockedReason: string | null;
  readonly error: { code: string; message: string } | null;
}

export async function finishedRun(stack: Stack, runId: string, timeoutMs = 30_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await stack.api<RunView>(getRun, { params: { id: runId } });
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Simulates, activates and syncs once through the API: an active connection with accounts. */
export async function activeConnection(stack: Stack, id: string): Promise<void> {
  const simulation = await stack.api<RunView>(simulate, { as: 'operator', params: { id } });
  const simulated = await finishedRun(stack, simulation.id);
  if (simulated.status !== 'succeeded') throw new Error(`simulation ended ${JSON.stringify(simulated)}`);
  await stack.api(activateConnection, { as: 'operator', params: { id } });
  const first = await stack.api<RunView>(sync, { as: 'operator', params: { id } });
  const synced = await finishedRun(stack, first.id);
  if (synced.status !== 'succeeded') throw new Error(`first sync ended ${JSON.stringify(synced)}`);
}
