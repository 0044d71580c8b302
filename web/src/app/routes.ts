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
  | { readonly page: 'run'; readonly id: string }
  | { readonly page: 'audit'; readonly filter: Readonly<Record<string, string>> }
  | { readonly page: AdminPage }
  | { readonly page: 'account' }
  | { readonly page: 'not-found'; readonly path: string };

const isStep = (n: number): n is StepNumber => Number.isInteger(n) && n >= 1 && n <= 5;

export function parseRoute(hash: string): Route {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?');
  const parts = rawPath.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, id, third, fourth] = parts;
  if (parts.length === 0 || (first === 'connections' && parts.length === 1)) return { page: 'connections' };
  if (first === 'connections' && id) {
    if (parts.length === 2) return { page: 'connection', id };
    const step = Number(fourth);
    if (third === 'steps' && parts.length === 4 && isStep(step)) return { page: 'step', id, step };
  }
  if (first === 'runs' && id && parts.length === 2) return { page: 'run', id };
  if (first === 'audit' && parts.length === 1) {
    return { page: 'audit', filter: Object.fromEntries(new URLSearchParams(rawQuery)) };
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
      return `#/runs/${id}`;
    case 'audit': {
      const query = new URLSearchParams(route.filter).toString();
      return query ? `#/audit?${query}` : '#/audit';
    }
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

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
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
