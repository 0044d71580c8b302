/**
 * Every installed package must run on every Node version the project declares (package.json
 * `engines.node`). npm only warns about a mismatch, so without this a minor upgrade can quietly pull
 * in a package that requires a newer Node than users run (cookie 2 and content-disposition 3 require
 * Node 22; package.json `overrides` keeps their API-identical Node 18+ releases).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import semver from 'semver';

const ROOT = join(import.meta.dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

test('the running Node is one the project supports', () => {
  const supported: string = readJson('package.json').engines.node;
  assert.ok(semver.satisfies(process.version, supported), `${process.version} is not in ${supported}`);
});

test('no installed package declares a Node version the project does not support', () => {
  const supported: string = readJson('package.json').engines.node;
  const lock = readJson('package-lock.json') as {
    packages: Record<string, unknown>;
  };
  const misfits: string[] = [];
  for (const path of Object.keys(lock.packages)) {
    // Platform-specific optional packages for other machines are in the lock but not installed.
    if (path === '' || !existsSync(join(ROOT, path))) continue;
    const installed = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')) as {
      engines?: { node?: string };
    };
    const node = installed.engines?.node;
    if (node === undefined) continue;
    if (!semver.subset(supported, node)) misfits.push(`${path} requires Node ${node}`);
  }
  assert.deepEqual(misfits, [], `the project supports Node ${supported}`);
});
