import type { GraphRoute } from './route-types.ts';

export type RouteLookup =
  | { readonly kind: 'found'; readonly route: GraphRoute; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly template: string }
  | { readonly kind: 'not-found'; readonly segment: string };

interface CompiledRoute {
  readonly route: GraphRoute;
  readonly segments: readonly { readonly literal?: string; readonly param?: string }[];
  readonly literals: number;
}

/** Matches Graph paths to route templates; literal segments beat parameters (`/users/delta` vs `/users/{id}`). */
export class Router {
  readonly #compiled: CompiledRoute[];

  constructor(routes: readonly GraphRoute[]) {
    this.#compiled = routes.map((route) => {
      const segments = route.template
        .split('/')
        .filter(Boolean)
        .map((s) => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s.toLowerCase() }));
      return { route, segments, literals: segments.filter((s) => s.literal !== undefined).length };
    });
  }

  lookup(method: string, path: string): RouteLookup {
    const parts = path.split('/').filter(Boolean).map(decodeSegment);
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    let sameShape: CompiledRoute | undefined;
    for (const compiled of this.#compiled) {
      const params = matchSegments(compiled, parts);
      if (!params) continue;
      if (compiled.route.method !== method) {
        sameShape ??= compiled;
        continue;
      }
      if (!best || compiled.literals > best.compiled.literals) best = { compiled, params };
    }
    if (best) return { kind: 'found', route: best.compiled.route, params: best.params };
    if (sameShape) return { kind: 'method-not-allowed', template: sameShape.route.template };
    return { kind: 'not-found', segment: parts.at(-1) ?? '' };
  }
}

function matchSegments(
  compiled: CompiledRoute,
  parts: readonly string[],
): Record<string, string> | undefined {
  if (compiled.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = compiled.segments[i]!;
    const part = parts[i]!;
    if (segment.literal !== undefined) {
      if (segment.literal !== part.toLowerCase()) return undefined;
    } else {
      params[segment.param!] = part;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
