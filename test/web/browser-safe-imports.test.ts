/**
 * The console's bundle takes some modules straight from ../src (contracts, the expression catalogue,
 * parts of the core). A browser has none of Node's globals, so such a module must not touch them when
 * it loads: a module-level `Buffer.prototype` once left step 3 blank ("Buffer is not defined").
 * This loads every module the console imports from src, and all they import, in a Node process
 * whose Node-only globals are gone before the first import, and fails on any that throws.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every module of ../src that a file of web/src imports, as absolute paths. */
function consoleImportsFromSrc(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name))
        for (const m of readFileSync(path, 'utf8').matchAll(/from '((?:\.\.\/)+src\/[^']+)'/g))
          found.add(resolve(dirname(path), m[1] as string));
    }
  };
  walk(join(root, 'web/src'));
  return [...found].sort();
}

/** Imports `modules` with `hidden` globals removed first; resolves to what failed, by module. */
async function importWithout(hidden: readonly string[], modules: readonly string[]): Promise<string> {
  const script = `
    for (const name of ${JSON.stringify(hidden)}) delete globalThis[name];
    const failed = [];
    for (const m of ${JSON.stringify(modules)}) {
      try { await import(m); } catch (e) { failed.push(m + ': ' + (e?.message ?? e)); }
    }
    process.stdout.write(failed.join('\\n'));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root },
  );
  return stdout;
}

test('the modules the console takes from src load without Node-only globals', async () => {
  const modules = consoleImportsFromSrc();
  // The console does import from src (contracts, the expression catalogue, the core's vocabulary).
  assert.ok(modules.length >= 5, `the console's imports from src: ${modules.join(', ')}`);
  assert.equal(await importWithout(['Buffer', 'setImmediate', 'clearImmediate', 'global'], modules), '');
});

test('the check fails for a module that reads Buffer when it loads', async () => {
  const failed = await importWithout(['Buffer'], [join(root, 'test/web/fixtures/reads-buffer.ts')]);
  assert.match(failed, /reads-buffer\.ts: Buffer is not defined/);
});
