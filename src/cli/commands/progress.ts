import { runPhaseWords } from '../../contracts/index.ts';
import type { RunProgress } from '../../engine/index.ts';

/** A one-line progress display on a terminal; silent when stderr is not a TTY (CI, pipes). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): {
  update: (p: RunProgress) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      const count = p.total === null ? (p.done > 0 ? ` ${p.done}` : '') : ` ${p.done}/${p.total}`;
      stream.write(`\r\x1b[K${runPhaseWords(p.phase, null)}${count}`);
    },
    done: () => stream.write('\r\x1b[K'),
  };
}
