/**
 * Makes sure there is a web console to serve before the service listens. A fresh clone has no
 * `web/dist` (it is built, not committed), and a pulled checkout has an old one: `hrsync demo`
 * (`npm start`) builds it then; `hrsync serve` refuses to start without one, because a service whose
 * `/` answers a JSON 404 looks broken to whoever opens it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this module runs from (bin/hrsync runs the sources, so this is the repository). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_WEB_DIR = join(REPOSITORY_ROOT, 'web', 'dist');

export type ConsoleState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'missing' }
  /** Built, but a source it is built from changed since. */
  | { readonly kind: 'stale'; readonly changed: string };

/** What the console is built from: its own folder and the shared contracts, core and expressions. */
const SOURCES = ['web/index.html', 'web/vite.config.ts', 'web/src', 'src', 'package-lock.json'];

export function consoleState(webDir: string, root: string = REPOSITORY_ROOT): ConsoleState {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return { kind: 'missing' };
  if (webDir !== join(root, 'web', 'dist')) return { kind: 'ready' };
  const builtAt = statSync(index).mtimeMs;
  for (const source of SOURCES) {
    const newer = newerThan(join(root, source), builtAt);
    if (newer) return { kind: 'stale', changed: newer.slice(root.length) };
  }
  return { kind: 'ready' };
}

function newerThan(path: string, time: number): string | undefined {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > time ? path : undefined;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const found = newerThan(join(path, entry), time);
    if (found) return found;
  }
  return undefined;
}

/** Whether this installation can build the console (a checkout with the build tool installed). */
export function canBuildConsole(webDir: string, root: string = REPOSITORY_ROOT): boolean {
  return (
    webDir === join(root, 'web', 'dist') &&
    existsSync(join(root, 'web', 'vite.config.ts')) &&
    existsSync(join(root, 'node_modules', 'vite', 'bin', 'vite.js'))
  );
}

/** Runs `vite build` for the console; its output is shown only when it fails. */
export async function buildConsole(root: string = REPOSITORY_ROOT): Promise<void> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
    );
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`building the web console failed (exit code ${code}):\n${output.join('')}`);
  }
}

export class ConsoleMissingError extends Error {
  constructor(webDir: string) {
    super(
      `There is no web console to serve: ${join(webDir, 'index.html')} does not exist.\n` +
        'Build it with `npm run build:web` (or start the demo with `npm start`, which builds it),\n' +
        'or point HRSYNC_WEB_DIR at a folder holding a built console.',
    );
    this.name = 'ConsoleMissingError';
  }
}

/**
 * Before serving: build a missing or stale console when `build` is set and this checkout can; else
 * refuse (missing) or warn (stale). Reports progress through `print`.
 */
export async function prepareConsole(
  webDir: string,
  options: { readonly build: boolean; readonly print: (line: string) => void },
): Promise<void> {
  const state = consoleState(webDir);
  if (state.kind === 'ready') return;
  if (options.build && canBuildConsole(webDir)) {
    options.print(
      state.kind === 'missing'
        ? 'Building the web console (first start; this takes a few seconds)…'
        : `Rebuilding the web console (${state.changed} changed since it was built)…`,
    );
    const started = Date.now();
    await buildConsole();
    options.print(`Web console built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return;
  }
  if (state.kind === 'missing') throw new ConsoleMissingError(webDir);
  options.print(
    `Note: the web console in ${webDir} is older than ${state.changed}; run \`npm run build:web\` to rebuild it.`,
  );
}
