import { randomUUID } from 'node:crypto';
import type { FaultKind, FaultSpec } from './fault-spec.ts';

/** What a request offers for fault matching. */
export interface FaultContext {
  readonly method: string;
  /** the connector id in the path, if any */
  readonly connector?: string;
  /** the 1-based page of a GetConnector read with valid skip/take */
  readonly page?: number;
}

export interface ActiveFault {
  readonly id: string;
  readonly spec: FaultSpec;
  /** how often it fired so far */
  fired: number;
  /** fires left before it disappears; undefined = until cleared */
  remaining: number | undefined;
}

/** The faults currently armed. Each fires on matching requests until its count runs out. */
export class FaultBook {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { id: randomUUID(), spec, fired: 0, remaining: spec.count };
    this.#faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    return this.#faults.length !== before;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): readonly ActiveFault[] {
    return this.#faults;
  }

  /** The first armed fault of this kind that applies to the request, counted as fired. */
  fire(kind: FaultKind, context: FaultContext): FaultSpec | undefined {
    const fault = this.#faults.find((f) => f.spec.kind === kind && applies(f.spec, context));
    if (fault === undefined) return undefined;
    fault.fired += 1;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.remove(fault.id);
    }
    return fault.spec;
  }
}

function applies(spec: FaultSpec, context: FaultContext): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== context.method.toUpperCase()) return false;
  if (spec.page !== undefined && spec.page !== context.page) return false;
  if (spec.connector === undefined || spec.connector === '*') return true;
  return context.connector?.toLowerCase() === spec.connector.toLowerCase();
}

/** The delay a latency fault asks for, jitter included. */
export function latencyOf(spec: FaultSpec): number {
  return (spec.ms ?? 0) + Math.floor(Math.random() * ((spec.jitterMs ?? 0) + 1));
}
