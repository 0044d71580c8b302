import type { UserEntity } from '../directory/entities.ts';
import { userProperty } from '../directory/user-properties.ts';
import { GraphError } from '../graph/graph-error.ts';

const SEARCHABLE = new Set([
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'userPrincipalName',
  'jobTitle',
  'otherMails',
  'proxyAddresses',
]);

interface SearchClause {
  readonly property: string;
  readonly tokens: readonly string[];
  readonly join: 'AND' | 'OR';
}

/**
 * `$search="displayName:jan" AND "mail:contoso"`. Directory search is tokenised: every word of the
 * term must start a word of the property value.
 */
export type UserSearch = readonly SearchClause[];

export function parseSearch(text: string): UserSearch {
  const clauses: SearchClause[] = [];
  const pattern = /\s*(?:(AND|OR)\s+)?"([^"]*)"/giy;
  let consumed = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    consumed = pattern.lastIndex;
    const [, join, term] = match;
    const colon = term!.indexOf(':');
    if (colon <= 0) throw searchError(text);
    const spec = userProperty(term!.slice(0, colon).trim());
    if (!spec || !SEARCHABLE.has(spec.name)) throw searchError(text);
    clauses.push({
      property: spec.name,
      tokens: words(term!.slice(colon + 1)),
      join: clauses.length === 0 ? 'AND' : ((join?.toUpperCase() as 'AND' | 'OR' | undefined) ?? 'AND'),
    });
  }
  if (clauses.length === 0 || text.slice(consumed).trim() !== '') throw searchError(text);
  return clauses;
}

export function matchesSearch(user: UserEntity, search: UserSearch): boolean {
  let result = true;
  for (const [i, clause] of search.entries()) {
    const value = user[clause.property];
    const haystack = (Array.isArray(value) ? value : [value])
      .filter((v) => typeof v === 'string')
      .flatMap(words);
    const hit = clause.tokens.every((token) => haystack.some((word) => word.startsWith(token)));
    result = i === 0 ? hit : clause.join === 'AND' ? result && hit : result || hit;
  }
  return result;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s.,_@:;-]+/)
    .filter(Boolean);
}

function searchError(text: string): GraphError {
  return new GraphError(
    400,
    'Request_UnsupportedQuery',
    `Unsupported or invalid $search clause ${text}. Use "property:value" terms on displayName, givenName, surname, mail, mailNickname, userPrincipalName, jobTitle, otherMails or proxyAddresses.`,
  );
}
