import type { Directory } from '../directory/directory.ts';
import type { GraphEmulatorState } from '../emulator-state.ts';
import type { Principal } from './principal.ts';

/** A Graph request after transport: from HTTP or from a `$batch` item. */
export interface GraphRequest {
  readonly method: string;
  /** Path below the version, e.g. `/users/0b1c…/manager/$ref` (still percent-encoded). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, undefined when there is none. */
  readonly body: unknown;
  /** Scheme, host and port the client used, e.g. `https://127.0.0.1:4443`. */
  readonly baseUrl: string;
  readonly viaBatch: boolean;
}

export interface GraphResult {
  readonly status: number;
  /** An object is sent as JSON, a string as text/plain. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContext {
  readonly request: GraphRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
  readonly state: GraphEmulatorState;
  readonly directory: Directory;
  /** e.g. `https://127.0.0.1:4443/v1.0` */
  readonly graphBase: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphRoute {
  readonly method: HttpMethod;
  /** Path template below the version: `/users/{id}/manager/$ref`. Literal segments match case-insensitively. */
  readonly template: string;
  /** Base resource-unit cost from the throttling table; default 1. */
  readonly cost?: number;
  /** `$batch` itself is not throttled or permission-checked; its items are. */
  readonly envelope?: boolean;
  handle(context: RouteContext): GraphResult | Promise<GraphResult>;
}
