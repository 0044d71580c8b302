/**
 * The engine wired as the CLI wires it, against the AFAS emulator and a real Samba AD domain
 * controller: real HTTP, real LDAPS, the real Active Directory target.
 */
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import type { AfasDataset } from '../../../emulators/demo-data/types.ts';
import type { ConnectionConfig, DirectoryTargetConfig, RunKind } from '../../../src/core/index.ts';
import {
  type EngineStore,
  executeRun,
  MemoryEngineStore,
  type RunOutcome,
  type RunProgress,
} from '../../../src/engine/index.ts';
import { createAfasSource } from '../../../src/sources/afas/index.ts';
import {
  createDirectoryTarget,
  type DirectoryTarget,
  hybridStarterConfig,
} from '../../../src/targets/ldap/index.ts';
import type { TestDomain } from './samba.ts';

export interface DirectoryStack {
  afas: RunningAfasEmulator;
  store: EngineStore;
  config: ConnectionConfig & { target: DirectoryTargetConfig };
  target: DirectoryTarget;
  run(
    kind: RunKind,
    options?: {
      now?: string;
      employeeNumber?: string;
      onProgress?: (p: RunProgress) => void;
      store?: EngineStore;
    },
  ): Promise<RunOutcome>;
  setAfas(dataset: AfasDataset): Promise<void>;
  /** Replaces the configuration (and the target built from it). */
  reconfigure(change: (c: DirectoryStack['config']) => DirectoryStack['config']): Promise<void>;
  close(): Promise<void>;
}

export const TODAY = '2026-11-24T09:00:00Z';

export async function startDirectoryStack(
  afasData: AfasDataset,
  domain: TestDomain,
  configure: (c: DirectoryStack['config']) => DirectoryStack['config'] = (c) => c,
): Promise<DirectoryStack> {
  const d = domain.domain;
  let afas = await startAfasEmulator({ dataset: afasData });
  const base = hybridStarterConfig({
    environment: { baseUrl: afas.baseUrl },
    token: { value: afas.token.xml },
    directory: {
      urls: [d.url],
      caCertificate: d.ca,
      tlsServerName: d.serverName,
      bindUser: d.adminUpn,
      bindPassword: { value: d.adminPassword },
      container: `OU=Staff,${d.baseDn}`,
      defaultDomain: d.realm.toLowerCase(),
    },
  });
  const build = (config: DirectoryStack['config']) =>
    createDirectoryTarget(config.target, { bindPassword: d.adminPassword });
  const initial = configure(base);
  const stack: DirectoryStack = {
    afas,
    store: new MemoryEngineStore(),
    config: initial,
    target: build(initial),
    run(kind, o = {}) {
      const source = createAfasSource(
        { ...stack.config.source, environment: { baseUrl: stack.afas.baseUrl } },
        { token: stack.afas.token.xml },
      );
      return executeRun({
        kind,
        config: stack.config,
        source,
        target: stack.target,
        store: o.store ?? stack.store,
        clock: { now: () => o.now ?? TODAY },
        ...(o.employeeNumber ? { employeeNumber: o.employeeNumber } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      });
    },
    async setAfas(dataset) {
      await stack.afas.close();
      afas = await startAfasEmulator({ dataset, token: stack.afas.token.xml });
      stack.afas = afas;
    },
    async reconfigure(change) {
      await stack.target.close();
      stack.config = change(stack.config);
      stack.target = build(stack.config);
    },
    async close() {
      await stack.target.close();
      await stack.afas.close();
    },
  };
  return stack;
}

/**
 * The highest uSNChanged of any user but the bind account: every write to a user moves it, so equal
 * numbers before and after a run mean the run wrote nothing. (highestCommittedUSN itself also moves
 * when the bind account's logon statistics are updated.)
 */
export async function userUsn(domain: TestDomain): Promise<bigint> {
  const { searchEntries } = await domain.admin.search(domain.domain.baseDn, {
    filter: '(&(objectCategory=person)(objectClass=user)(!(sAMAccountName=Administrator)))',
    attributes: ['uSNChanged'],
    paged: { pageSize: 1000 },
  });
  return searchEntries.reduce(
    (max, e) => (BigInt(String(e.uSNChanged)) > max ? BigInt(String(e.uSNChanged)) : max),
    0n,
  );
}
