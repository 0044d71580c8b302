/**
 * The console imports the expression language (to parse and check what an administrator types), and
 * with it src/expr/text/bounded-regex.ts, which bounds user patterns on the server with `node:v8`
 * and `node:vm`. The browser never runs those patterns (the expression tester asks the service), so
 * web/vite.config.ts points both modules here: loading works, running a bounded pattern says why not.
 */
export function setFlagsFromString(_flags: string): void {}

export function createContext<T extends object>(sandbox: T): T {
  return sandbox;
}

export class Script {
  constructor(readonly code: string) {}
  runInContext(): never {
    throw new Error('user patterns are evaluated by the hrsync service, not in the browser');
  }
}
