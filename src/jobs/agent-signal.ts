/**
 * Wakes whoever waits on the agent queue — a held agent request waiting for work, a run waiting for a
 * result — the moment something changes, instead of at its next database poll. A BroadcastChannel
 * reaches every thread of the process (runs may execute off the API's event loop); other processes
 * (PostgreSQL workers) are reached by the polls, which stay as the fallback.
 */
import { BroadcastChannel } from 'node:worker_threads';

const CHANNEL = 'hrsync-agent-queue';

type Listener = () => void;
const listeners = new Map<string, Set<Listener>>();
let receiver: BroadcastChannel | null = null;
let sender: BroadcastChannel | null = null;

function ensureReceiver(): void {
  if (receiver) return;
  receiver = new BroadcastChannel(CHANNEL);
  receiver.unref();
  receiver.onmessage = (event) => {
    const key = (event as MessageEvent).data;
    if (typeof key !== 'string') return;
    for (const listener of listeners.get(key) ?? []) listener();
  };
}

/** Signals a change: `tenant:<id>` (new work) or `operation:<id>` (a result or page arrived). */
export function signalAgentQueue(key: string): void {
  if (!sender) {
    sender = new BroadcastChannel(CHANNEL);
    sender.unref();
  }
  sender.postMessage(key);
}

/** Resolves when `key` is signalled, after `ms`, or when `signal` aborts — whichever comes first. */
export function waitForAgentQueue(key: string, ms: number, signal?: AbortSignal): Promise<void> {
  ensureReceiver();
  return new Promise((resolve) => {
    const set = listeners.get(key) ?? new Set<Listener>();
    listeners.set(key, set);
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0) listeners.delete(key);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    set.add(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
