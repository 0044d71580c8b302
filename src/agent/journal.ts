/**
 * What the agent remembers of the writes it carried out, on disk, so that a write batch it is handed
 * again — after a lost response, or after the agent itself restarted — is never carried out twice:
 * a finished one is answered from here; one that was started but never finished (the agent died in
 * the middle) is answered "interrupted", and the service re-matches its creates before retrying.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { OperationResult } from '../targets/remote/index.ts';

type Entry = { readonly started: true; result?: OperationResult };

const KEEP = 500;

export class WriteJournal {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly path: string | null) {
    if (path === null || !existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const record = JSON.parse(line) as { id: string; event: 'start' | 'done'; result?: OperationResult };
        if (record.event === 'start') this.#entries.set(record.id, { started: true });
        else if (record.result) this.#entries.set(record.id, { started: true, result: record.result });
      } catch {
        // a line cut short by a crash: the operation it describes counts as started, not finished
      }
    }
    const recent = [...this.#entries].slice(-KEEP);
    this.#entries.clear();
    for (const [id, entry] of recent) this.#entries.set(id, entry);
    writeFileSync(
      path,
      recent
        .flatMap(([id, e]) => [
          JSON.stringify({ id, event: 'start' }),
          ...(e.result ? [JSON.stringify({ id, event: 'done', result: e.result })] : []),
        ])
        .map((l) => `${l}\n`)
        .join(''),
      { mode: 0o600 },
    );
  }

  /** `finished`: answer with the result; `interrupted`: started before a restart, outcome unknown. */
  lookup(
    id: string,
  ): { state: 'new' } | { state: 'finished'; result: OperationResult } | { state: 'interrupted' } {
    const entry = this.#entries.get(id);
    if (!entry) return { state: 'new' };
    return entry.result ? { state: 'finished', result: entry.result } : { state: 'interrupted' };
  }

  start(id: string): void {
    this.#entries.set(id, { started: true });
    this.#append({ id, event: 'start' });
  }

  finish(id: string, result: OperationResult): void {
    this.#entries.set(id, { started: true, result });
    this.#append({ id, event: 'done', result });
  }

  #append(record: unknown): void {
    if (this.path === null) return;
    // Synchronous on purpose: the start must be on disk before the first write reaches the directory.
    appendFileSync(this.path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }
}
