import { USER_PROPERTIES, userProperty } from '../directory/user-properties.ts';
import { GraphError } from '../graph/graph-error.ts';

/** `$select=id,displayName` → canonical property names; `*` selects every readable property. */
export function parseSelect(text: string | null): readonly string[] | undefined {
  if (text === null) return undefined;
  const names: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name === '*') {
      names.push(...USER_PROPERTIES.filter((p) => !p.writeOnly).map((p) => p.name));
      continue;
    }
    const spec = userProperty(name);
    if (!spec) throw unknownSelectProperty(name);
    names.push(spec.name);
  }
  return [...new Set(names)];
}

export function unknownSelectProperty(name: string): GraphError {
  return new GraphError(
    400,
    'BadRequest',
    `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
  );
}

/** `$expand=manager` or `$expand=manager($select=id,displayName)`; other expansions are not emulated. */
export function parseExpand(
  text: string | null,
): { readonly select: readonly string[] | undefined } | undefined {
  if (text === null || text.trim() === '') return undefined;
  const match = /^\s*manager\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/i.exec(text);
  if (!match) throw unknownSelectProperty(text.split('(')[0]!.trim());
  return { select: match[1] === undefined ? undefined : parseSelect(match[1]) };
}
