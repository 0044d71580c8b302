/**
 * The console's pages as data and a tiny hash router. A hash keeps every page reachable by URL
 * without the server having to know the console's routes (it serves index.html at `/` only).
 */
import { useEffect, useState } from 'react';

export type StepNumber = 1 | 2 | 3 | 4 | 5;

/** The administration pages: one URL segment each (`#/customers`). */
export const ADMIN_PAGES = ['customers', 'users', 'tokens', 'organisation', 'notifications'] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number];
const isAdminPage = (s: string | undefined): s is AdminPage => ADMIN_PAGES.some((p) => p === s);

export type Route =
  | { readonly page: 'connections' }
  | { readonly page: 'connection'; readonly id: string }
  | { readonly page: 'step'; readonly id: string; readonly step: StepNumber }
  /** `filter`: how its persons are reviewed (runs/run-review.ts), as the audit log keeps its filter. */
  | { readonly page: 'run'; readonly id: string; readonly filter?: Readonly<Record<string, string>> }
  | { readonly page: 'audit'; readonly filter: Readonly<Record<string, string>> }
  | { readonly page: AdminPage }
  | { readonly page: 'account' }
  | { readonly page: 'not-found'; readonly path: string };

const isStep = (n: number): n is StepNumber => Number.isInteger(n) && n >= 1 && n <= 5;

/** A path segment as typed; a malformed escape (`%E0%A4`) stays as it is instead of throwing. */
const decodePart = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** A page's query (`?action=create&page=2`) as a record; the page checks each value itself. */
const queryOf = (rawQuery: string): Readonly<Record<string, string>> =>
  Object.fromEntries(new URLSearchParams(rawQuery));

const withQuery = (path: string, filter: Readonly<Record<string, string>> | undefined): string => {
  const query = new URLSearchParams(filter ?? {}).toString();
  return query ? `${path}?${query}` : path;
};

export function parseRoute(hash: string): Route {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?');
  const parts = rawPath.split('/').filter(Boolean).map(decodePart);
  const [first, id, third, fourth] = parts;
  if (parts.length === 0 || (first === 'connections' && parts.length === 1)) return { page: 'connections' };
  if (first === 'connections' && id) {
    if (parts.length === 2) return { page: 'connection', id };
    const step = Number(fourth);
    if (third === 'steps' && parts.length === 4 && isStep(step)) return { page: 'step', id, step };
  }
  if (first === 'runs' && id && parts.length === 2) return { page: 'run', id, filter: queryOf(rawQuery) };
  if (first === 'audit' && parts.length === 1) {
    return { page: 'audit', filter: queryOf(rawQuery) };
  }
  if (parts.length === 1 && isAdminPage(first)) return { page: first };
  if (parts.length === 1 && first === 'account') return { page: 'account' };
  return { page: 'not-found', path: rawPath };
}

export function hrefFor(route: Route): string {
  const id = 'id' in route ? encodeURIComponent(route.id) : '';
  switch (route.page) {
    case 'connections':
      return '#/connections';
    case 'connection':
      return `#/connections/${id}`;
    case 'step':
      return `#/connections/${id}/steps/${route.step}`;
    case 'run':
      return withQuery(`#/runs/${id}`, route.filter);
    case 'audit':
      return withQuery('#/audit', route.filter);
    case 'customers':
    case 'users':
    case 'tokens':
    case 'organisation':
    case 'notifications':
    case 'account':
      return `#/${route.page}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

/**
 * Shows `route`. `replace`: in place of the current history entry (a filter typed letter by letter,
 * a page number corrected), so Back does not step through every intermediate state.
 */
export function navigate(route: Route, options: { readonly replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(hrefFor(route));
  else window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
