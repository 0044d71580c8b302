/**
 * Inside the analysis thread (see analysis-thread.ts): opens its own store and adapters from the
 * service's settings and answers one task at a time until told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isHrsyncError } from '../core/index.ts';
import { type CompareTask, inlineAnalyses, type PreviewTask } from '../jobs/analyses.ts';
import type { ServiceConfig } from './config.ts';
import { openRuntime } from './runtime.ts';

export interface AnalysisSettings {
  readonly config: ServiceConfig;
  readonly secretKey: Uint8Array;
  readonly extraCa: string | null;
}

export type AnalysisRequest =
  | { readonly kind: 'preview'; readonly task: PreviewTask }
  | { readonly kind: 'compare'; readonly task: CompareTask };

export type AnalysisMessage =
  | { readonly type: 'task'; readonly id: number; readonly request: AnalysisRequest }
  | { readonly type: 'stop' }
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly error: {
        readonly code: string;
        readonly message: string;
        readonly details: readonly { path: string; message: string }[];
      };
    };

async function main(port: NonNullable<typeof parentPort>, settings: AnalysisSettings): Promise<void> {
  const post = (message: AnalysisMessage) => port.postMessage(message);
  const runtime = await openRuntime(
    { ...settings.config, secretKey: Buffer.from(settings.secretKey) },
    settings.extraCa === null ? {} : { extraCa: settings.extraCa },
  );
  const { store, connectors, logger } = runtime;
  const analyses = inlineAnalyses({ store, connectors });
  let busy: Promise<void> = Promise.resolve();
  port.on('message', (message: AnalysisMessage) => {
    if (message.type === 'stop') {
      void busy.then(async () => {
        await store.close();
        // Ends this thread only; kept-alive HTTP sockets must not keep it around.
        process.exit(0);
      });
      return;
    }
    if (message.type !== 'task') return;
    const { id, request } = message;
    busy = busy.then(async () => {
      try {
        const value =
          request.kind === 'preview'
            ? await analyses.preview(request.task)
            : await analyses.compare(request.task);
        post({ type: 'result', id, value });
      } catch (error) {
        if (isHrsyncError(error)) {
          post({
            type: 'error',
            id,
            error: { code: error.code, message: error.message, details: [...error.details] },
          });
        } else {
          logger.error({ err: error }, 'analysis failed');
          post({
            type: 'error',
            id,
            error: {
              code: 'HRS_INTERNAL',
              message: 'The preview failed unexpectedly; it was logged.',
              details: [],
            },
          });
        }
      }
    });
  });
  post({ type: 'ready' });
}

if (parentPort) await main(parentPort, workerData as AnalysisSettings);
