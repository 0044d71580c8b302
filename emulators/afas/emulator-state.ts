import type { AfasDataset } from '../demo-data/types.ts';
import { ConnectorTable } from './connector-table.ts';
import type { FaultSpec } from './fault-spec.ts';
import { FaultBook } from './faults.ts';
import { RequestLog } from './request-log.ts';
import { type AfasToken, afasToken } from './token.ts';
import { UpdateLog } from './updates/update-log.ts';

export interface AfasEmulatorOptions {
  /** What the GetConnectors serve. Never modified: the emulator works on a copy. */
  readonly dataset: AfasDataset;
  /** The App Connector token: whole XML, its 64-hex data part, or a parsed token; default: generated. */
  readonly token?: string | AfasToken;
  /** Answer of `GET /ProfitVersion`; default "25.2.1". */
  readonly profitVersion?: string;
  /** Faults armed from the start. */
  readonly faults?: readonly FaultSpec[];
  /** GetConnector whose rows hold employees, persons and users; default "T4E_HelloID_Users_v2". */
  readonly usersConnectorId?: string;
  /** Shown in metainfo's `info.appName`. */
  readonly appName?: string;
  /** Fastify request logging; default off. */
  readonly logger?: boolean;
}

export const DEFAULT_PROFIT_VERSION = '25.2.1';
export const DEFAULT_USERS_CONNECTOR = 'T4E_HelloID_Users_v2';

/** Everything one emulator instance knows; the routes and the admin API both work on it. */
export class AfasEmulatorState {
  readonly token: AfasToken;
  readonly profitVersion: string;
  readonly usersConnectorId: string;
  readonly appName: string;
  readonly environmentId: string;
  readonly faults = new FaultBook();
  readonly requests = new RequestLog();
  readonly updates = new UpdateLog();
  readonly #dataset: AfasDataset;
  #tables = new Map<string, ConnectorTable>();

  constructor(options: AfasEmulatorOptions) {
    this.token = typeof options.token === 'object' ? options.token : afasToken(options.token);
    this.profitVersion = options.profitVersion ?? DEFAULT_PROFIT_VERSION;
    this.usersConnectorId = options.usersConnectorId ?? DEFAULT_USERS_CONNECTOR;
    this.appName = options.appName ?? 'hrsync AFAS emulator';
    this.environmentId = options.dataset.environmentId;
    this.#dataset = options.dataset;
    this.#load();
    for (const spec of options.faults ?? []) this.faults.add(spec);
  }

  /** A GetConnector by id in any case. */
  table(id: string): ConnectorTable | undefined {
    return this.#tables.get(id.toLowerCase());
  }

  tables(): ConnectorTable[] {
    return [...this.#tables.values()];
  }

  /** Back to the data given at start; faults, request counts and the update log are cleared. */
  reset(): void {
    this.#load();
    this.faults.clear();
    this.requests.clear();
    this.updates.clear();
  }

  #load(): void {
    this.#tables = new Map(
      this.#dataset.connectors.map((c) => [
        c.id.toLowerCase(),
        // Rows are flat records of primitives, so a spread per row is a full copy.
        new ConnectorTable({ ...c, rows: c.rows.map((row) => ({ ...row })) }),
      ]),
    );
  }
}
