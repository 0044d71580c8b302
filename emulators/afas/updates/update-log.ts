import type { Cell } from '../typed-values.ts';

export interface AppliedChange {
  readonly connector: string;
  /** the row's employee number (or row position when it has none) */
  readonly row: string;
  readonly field: string;
  readonly old: Cell;
  readonly new: Cell;
}

export interface UpdateRecord {
  readonly sequence: number;
  readonly at: string;
  readonly method: string;
  readonly connector: string;
  readonly status: number;
  /** the parsed body, or the raw text when it was not JSON */
  readonly request: unknown;
  readonly error?: string;
  readonly changes: readonly AppliedChange[];
}

/** Every UpdateConnector call, successful or refused, in arrival order. */
export class UpdateLog {
  #records: UpdateRecord[] = [];

  add(record: Omit<UpdateRecord, 'sequence' | 'at'>): UpdateRecord {
    const full = { sequence: this.#records.length + 1, at: new Date().toISOString(), ...record };
    this.#records.push(full);
    return full;
  }

  list(): readonly UpdateRecord[] {
    return this.#records;
  }

  clear(): void {
    this.#records = [];
  }
}
