/**
 * Datasets as JSON files. Writing streams the document in chunks: a 100,000-person company is a few
 * hundred megabytes, close to V8's limit for a single string. The bytes equal `JSON.stringify(value)`.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readDataFile } from '../start-problem.ts';
import { demoCompanyIn } from './dataset-check.ts';
import type { DemoCompany } from './types.ts';

const CHUNK = 1 << 16;

/** The same text as `JSON.stringify(value)`, yielded in pieces of about 64 KiB. */
export function* jsonChunks(value: unknown): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const piece of walk(value)) {
    parts.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield parts.join('');
}

/** Whether JSON.stringify can take the value in one go: no array of 64 or more items inside. */
function isSmall(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length < 64 && value.every(isSmall);
  for (const key in value) if (!isSmall((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Walks only the containers that hold large arrays; everything else goes to JSON.stringify whole. */
function* walk(value: unknown): Generator<string> {
  if (isSmall(value) || (typeof value === 'object' && value !== null && 'toJSON' in value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const item: unknown = value[i];
      // JSON.stringify writes null for undefined and functions inside arrays.
      yield* item === undefined || typeof item === 'function' ? ['null'] : walk(item);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value as object)) {
    if (item === undefined || typeof item === 'function') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* walk(item);
  }
  yield '}';
}

export function serializeDataset(company: DemoCompany): string {
  return JSON.stringify(company);
}

export async function writeDataset(file: string, company: DemoCompany): Promise<void> {
  await pipeline(Readable.from(jsonChunks(company)), createWriteStream(file, { encoding: 'utf8' }));
}

/** Reads a dataset written by `writeDataset` (or by hand), with a clear message when it is not one. */
export async function readDataset(file: string): Promise<DemoCompany> {
  // UTF-8 only, as the emulators' --data: a Windows-1252 "Zoë" must not become "Zo\uFFFD" unnoticed.
  return parseDatasetValue(readDataFile(file, 'dataset'), `dataset ${file}`);
}

/** A parsed dataset as a DemoCompany; what is wrong is said with where (`tenant.users[3].mail`). */
export function parseDatasetValue(value: unknown, source = 'dataset'): DemoCompany {
  return demoCompanyIn(value, source);
}
