/**
 * The quarantine fingerprint: what a person's write depends on — the configuration and the person's
 * mapped values — hashed, so the next run can tell whether anything changed since the target refused
 * them. Canonical JSON (sorted keys), so the same values always give the same hash.
 */
import { createHash } from 'node:crypto';
import type { Attributes, ConnectionConfig } from '../core/index.ts';

export function configFingerprint(config: ConnectionConfig): string {
  return sha256(canonical(config));
}

export function personFingerprint(configHash: string, values: Attributes): string {
  return sha256(`${configHash}\n${canonical(values)}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Sorted keys, then one string built in place: this hashes every person with a write.
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort(byCodeUnit);
    let out = '{';
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${canonical(v)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
