/**
 * One line of progress on a terminal, rewritten in place; silent when stderr is not a TTY (CI,
 * pipes), so scripts only ever see the result. Unlike ../progress.ts (engine phases), the phase
 * here is whatever the service reports, a plain string.
 */
export interface ProgressLine {
  show(phase: string, done: number, total: number | null): void;
  clear(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (!stream.isTTY) return { show: () => {}, clear: () => {} };
  return {
    show: (phase, done, total) => {
      const count = total === null ? (done > 0 ? ` ${done}` : '') : ` ${done}/${total}`;
      stream.write(`\r\x1b[K${phase}${count}`);
    },
    clear: () => stream.write('\r\x1b[K'),
  };
}
