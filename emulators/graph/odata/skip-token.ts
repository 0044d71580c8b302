import { badRequest } from '../graph/graph-error.ts';

/** Where the next page starts: a position in the directory's stable order, or an offset in a sorted list. */
export type PageCursor = { readonly position: number } | { readonly offset: number };

export function encodeSkipToken(cursor: PageCursor): string {
  const payload = 'position' in cursor ? { p: cursor.position } : { o: cursor.offset };
  return `X${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

export function decodeSkipToken(token: string): PageCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token.slice(1), 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      const { p, o } = parsed as { p?: unknown; o?: unknown };
      if (token.startsWith('X') && Number.isInteger(p) && (p as number) >= 0)
        return { position: p as number };
      if (token.startsWith('X') && Number.isInteger(o) && (o as number) >= 0) return { offset: o as number };
    }
  } catch {
    // fall through
  }
  throw badRequest('The specified page token value has expired or is not valid.');
}
