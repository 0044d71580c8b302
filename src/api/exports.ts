/**
 * Exports (run items as CSV or JSON, the audit log as CSV) are written as they are read: a batch
 * from the store, its names, its text, onto the socket, then the next — a 50,000-person run is
 * never one string on the API's event loop. Only a few run at once (`ExportSlots`); a refusal is
 * HRS_BUSY with Retry-After, as a busy analysis thread answers.
 *
 * The stream pulls a batch only when the socket has taken the last one, and stops pulling when the
 * client goes away (Fastify destroys it): the batch being read is finished, nothing after it, and
 * then the slot is given back. A store failure once bytes went out cannot become an error answer:
 * the socket is destroyed, so the client sees a cut-off download, never a complete-looking 200.
 */
import { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { HrsyncError } from '../core/index.ts';

export interface ExportLimits {
  /** Exports one organisation may have running at once; default 2. */
  readonly perOrganisation: number;
  /** Exports the process runs at once; default 4. */
  readonly perProcess: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perOrganisation: 2, perProcess: 4 };

/** Items (or audit events) read, named and written per batch. */
export const EXPORT_BATCH = 500;

/**
 * How long an export waits for its client to ask for more before it stops and gives its slot back: a
 * client that took the headers and then held the socket open without reading kept a slot for ever,
 * and four such clients stopped every organisation's exports.
 */
export const EXPORT_STALL_MS = 60_000;

/** Seconds a refused export is told to wait: a 50,000-person export takes a few seconds. */
const RETRY_AFTER_SECONDS = 10;

export class ExportSlots {
  readonly #limits: ExportLimits;
  readonly #byOrganisation = new Map<string, number>();
  #running = 0;

  constructor(limits: ExportLimits = DEFAULT_EXPORT_LIMITS) {
    this.#limits = limits;
  }

  /** How many exports run now (all organisations). */
  get running(): number {
    return this.#running;
  }

  /** A slot for one export, or HRS_BUSY; the function gives it back (once, however often called). */
  take(organisationId: string): () => void {
    const { perOrganisation, perProcess } = this.#limits;
    const mine = this.#byOrganisation.get(organisationId) ?? 0;
    if (mine >= perOrganisation) {
      throw new HrsyncError(
        'HRS_BUSY',
        `Your organisation already has ${mine} exports being written, the most it may have at once; wait until one of them has downloaded (or stop it), then export again.`,
        { retryAfter: RETRY_AFTER_SECONDS },
      );
    }
    if (this.#running >= perProcess) {
      throw new HrsyncError(
        'HRS_BUSY',
        `The service is already writing ${this.#running} exports, the most it writes at once; export again in a few seconds.`,
        { retryAfter: RETRY_AFTER_SECONDS },
      );
    }
    this.#byOrganisation.set(organisationId, mine + 1);
    this.#running += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#running -= 1;
      const left = (this.#byOrganisation.get(organisationId) ?? 1) - 1;
      if (left > 0) this.#byOrganisation.set(organisationId, left);
      else this.#byOrganisation.delete(organisationId);
    };
  }
}

export interface ExportStreamOptions {
  /** Gives the export's slot back: once the stream ended, failed or was stopped, after its last read. */
  readonly release: () => void;
  readonly log: FastifyBaseLogger;
  /** What is exported, for the log line of a failure (ids only). */
  readonly what: Readonly<Record<string, string>>;
  /** Stop when the client asks for nothing this long (EXPORT_STALL_MS). */
  readonly stallMs?: number;
}

/**
 * The text of `chunks`, pulled one at a time as the reader asks for more. Destroyed (the client went
 * away), it pulls nothing more; the chunk being made is waited for before the slot is given back.
 */
export function exportStream(chunks: AsyncIterator<string>, options: ExportStreamOptions): Readable {
  let reading: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const stallMs = options.stallMs ?? EXPORT_STALL_MS;
  let stall: NodeJS.Timeout | undefined;
  // Armed whenever the client has been given what it asked for; a read clears it.
  const watch = () => {
    clearTimeout(stall);
    stall = setTimeout(() => {
      options.log.warn(
        { ...options.what },
        `export stopped: the client read nothing for ${stallMs / 1000} s; its slot is given back`,
      );
      stream.destroy(new Error('export stopped: the client stopped reading'));
    }, stallMs);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(stall);
    // The iterator's own clean-up (a generator's `finally`) runs after the read in progress.
    void reading
      .then(() => chunks.return?.())
      .catch(() => {})
      .finally(options.release);
  };
  const stream = new Readable({
    read() {
      if (stopped) return;
      clearTimeout(stall);
      const next = chunks.next();
      reading = next;
      next.then(
        (r) => {
          if (stopped) return;
          if (r.done) {
            stop();
            this.push(null);
          } else {
            this.push(r.value);
            watch();
          }
        },
        (error: unknown) => {
          if (stopped) return;
          // Logged here once, as the error handler logs (the logger redacts); the stream's own error,
          // which Fastify logs again as it destroys the socket, names no data.
          options.log.error(
            { ...options.what, err: error },
            'export stopped: reading the store failed; the download was cut off',
          );
          this.destroy(new Error('export stopped: reading the store failed'));
        },
      );
    },
    destroy(error, done) {
      stop();
      done(error);
    },
  });
  watch();
  return stream;
}

/**
 * An export's answer: its slot taken (or HRS_BUSY), its chunks as a stream. A HEAD request gets the
 * headers alone — Fastify would read a stream to its end for it and throw the bytes away.
 */
export function startExport(
  slots: ExportSlots,
  request: FastifyRequest,
  organisationId: string,
  what: Readonly<Record<string, string>>,
  chunks: () => AsyncIterator<string>,
): Readable | '' {
  const release = slots.take(organisationId);
  if (request.method === 'HEAD') {
    release();
    return '';
  }
  return exportStream(chunks(), { release, log: request.log, what });
}
