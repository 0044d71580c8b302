/** The HTTP API: build the app (then listen, or inject in tests). */

export { hashPassword } from './auth/credentials.ts';
export { buildApp, compileEverySerializer } from './build-app.ts';
export type { AppOptions } from './deps.ts';
