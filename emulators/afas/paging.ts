import { unexpected } from './profit-error.ts';
import type { QueryParams } from './query.ts';

export interface Page {
  /** as requested, echoed in the response */
  readonly skip: number;
  readonly take: number;
  /** `skip=-1&take=-1`: every row */
  readonly all: boolean;
}

export const DEFAULT_TAKE = 100;

/** Only `-1/-1` may be negative; anything else odd is Profit's "An unexpected error has occurred." */
export function parsePage(params: QueryParams): Page {
  const skip = integer(params.get('skip'), 0, 'skip');
  const take = integer(params.get('take'), DEFAULT_TAKE, 'take');
  if (skip === -1 && take === -1) return { skip, take, all: true };
  if (skip < 0 || take < 0) throw unexpected(`skip=${skip}&take=${take} is not a valid combination`);
  return { skip, take, all: false };
}

/** 1-based number of the page a request asks for, as fault injection counts pages. */
export function pageNumber(page: Page): number {
  return page.all || page.take === 0 ? 1 : Math.floor(page.skip / page.take) + 1;
}

function integer(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  if (!/^-?\d{1,15}$/.test(text)) throw unexpected(`${name}='${text}' is not a whole number`);
  return Number(text);
}
