/**
 * How a run's persons are being reviewed, as it lives in the URL (`#/runs/…?action=create&page=2`),
 * the same way the audit log keeps its filter (audit/audit-filter.ts): a reload, a shared link, Back
 * and Forward show the same persons, and the person whose panel is open. What comes from the URL is
 * checked against what the service accepts (RunItemFilter, PageQuery); a value it would refuse, or
 * that this page does not offer, is left out, so the page shows its default for it instead.
 */
import { ACTIONS, type Action, ITEM_STATUSES, type ItemStatus, RunItemFilter } from '../api/contracts.ts';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const SORTS = {
  name: 'Name',
  action: 'Action, then name',
  status: 'Status (problems first)',
} as const;
export type Sort = keyof typeof SORTS;

export interface RunReview {
  readonly action?: Action;
  readonly status?: ItemStatus;
  /** Part of a name or employee number. */
  readonly q?: string;
  readonly attribute?: string;
  /** Part of an old or new value. */
  readonly value?: string;
  readonly sort?: Sort;
  readonly pageSize?: number;
  /** From 1; page 1 is left out of the URL. */
  readonly page: number;
  /** The "Show persons with no change" switch when it was set; else the page's default. */
  readonly noChange?: 'show' | 'hide';
  /** The employee number of the person whose panel is open. */
  readonly person?: string;
}

/** A change to a review: a field set to `undefined` is cleared. */
export type RunReviewPatch = { readonly [K in keyof RunReview]?: RunReview[K] | undefined };

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  list.find((v) => v === value);

/** A text the service takes (at most `max` characters), trimmed; else nothing. */
const text = (value: string | undefined, max: number): string | undefined => {
  const trimmed = value?.trim() ?? '';
  return trimmed !== '' && trimmed.length <= max ? trimmed : undefined;
};

/** A page number: a whole number from 1 (anything else is page 1). */
const PAGE = /^[1-9]\d{0,8}$/;

/** An employee number as the service stores one: up to 50 characters, no control characters. */
const EMPLOYEE_NUMBER = /^[^\p{Cc}]{1,50}$/u;

export function reviewFromRoute(raw: Readonly<Record<string, string>>): RunReview {
  const pageText = raw['page']?.trim() ?? '';
  const page = PAGE.test(pageText) ? Number(pageText) : undefined;
  const size = Number(raw['pageSize']);
  const person = raw['person']?.trim() ?? '';
  const review: Record<string, unknown> = {
    action: oneOf(ACTIONS, raw['action']),
    status: oneOf(ITEM_STATUSES, raw['status']),
    q: text(raw['q'], RunItemFilter.q.maxLength ?? 200),
    attribute: text(raw['attribute'], RunItemFilter.attribute.maxLength ?? 100),
    value: text(raw['value'], RunItemFilter.value.maxLength ?? 200),
    sort: oneOf(Object.keys(SORTS) as Sort[], raw['sort']),
    pageSize: PAGE_SIZES.find((n) => n === size),
    page: page ?? 1,
    noChange: oneOf(['show', 'hide'] as const, raw['noChange']),
    person: EMPLOYEE_NUMBER.test(person) ? person : undefined,
  };
  // exactOptionalPropertyTypes: absent, not undefined.
  for (const key of Object.keys(review)) if (review[key] === undefined) delete review[key];
  return review as unknown as RunReview;
}

/** The route's query for `review`; defaults (page 1, sort by name, 50 per page) are left out. */
export function reviewToRoute(review: RunReview): Record<string, string> {
  const query: Record<string, string> = {};
  if (review.action) query['action'] = review.action;
  if (review.status) query['status'] = review.status;
  if (review.q) query['q'] = review.q;
  if (review.attribute) query['attribute'] = review.attribute;
  if (review.value) query['value'] = review.value;
  if (review.sort && review.sort !== 'name') query['sort'] = review.sort;
  if (review.pageSize && review.pageSize !== DEFAULT_PAGE_SIZE) query['pageSize'] = String(review.pageSize);
  if (review.page > 1) query['page'] = String(review.page);
  if (review.noChange) query['noChange'] = review.noChange;
  if (review.person) query['person'] = review.person;
  return query;
}

/**
 * What the URL asked for that the page does not apply (`sort=sideways`, `page=0`, a word it does not
 * know), as `key=value`, so the page can say so instead of quietly showing something else.
 */
export function ignoredInRoute(raw: Readonly<Record<string, string>>): string[] {
  const review = reviewFromRoute(raw);
  return Object.entries(raw)
    .filter(
      ([key, value]) =>
        value.trim() !== '' && (key === 'page' ? !PAGE.test(value.trim()) : !Object.hasOwn(review, key)),
    )
    .map(([key, value]) => `${key}=${value.length > 40 ? `${value.slice(0, 40)}…` : value}`);
}
