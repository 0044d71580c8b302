import type { CompiledRegex } from './dotnet-regex.ts';

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'group'; readonly group: number | string }
  | { readonly kind: 'match' | 'before' | 'after' | 'last' | 'input' };

/**
 * .NET replacement patterns, which differ from JavaScript's: `${name}`, `$1`, `${1}`, `$$`, `$&`,
 * `` $` ``, `$'`, `$+` and `$_`. A `$` that starts none of these is literal, as in .NET.
 */
export function parseSubstitution(replacement: string, regex: CompiledRegex): readonly Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    const next = replacement[i + 1];
    if (c !== '$' || next === undefined) {
      text += c;
      continue;
    }
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(replacement.slice(i + 1));
    const numbered = /^\d+/.exec(replacement.slice(i + 1));
    const special = { $: null, '&': 'match', '`': 'before', "'": 'after', '+': 'last', _: 'input' } as const;
    if (braced !== null && (regex.names.has(braced[1]!) || /^\d+$/.test(braced[1]!))) {
      flush();
      parts.push({ kind: 'group', group: /^\d+$/.test(braced[1]!) ? Number(braced[1]) : braced[1]! });
      i += braced[0].length;
    } else if (numbered !== null && regex.numbers.has(Number(numbered[0]))) {
      flush();
      parts.push({ kind: 'group', group: Number(numbered[0]) });
      i += numbered[0].length;
    } else if (next in special) {
      const kind = special[next as keyof typeof special];
      if (kind === null) text += '$';
      else {
        flush();
        parts.push({ kind });
      }
      i++;
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

export function substitute(
  parts: readonly Part[],
  match: RegExpExecArray,
  input: string,
  regex: CompiledRegex,
): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'group':
        out +=
          typeof part.group === 'string'
            ? (match.groups?.[part.group] ?? '')
            : part.group === 0
              ? match[0]
              : (match[regex.numbers.get(part.group) ?? -1] ?? '');
        break;
      case 'match':
        out += match[0];
        break;
      case 'before':
        out += input.slice(0, match.index);
        break;
      case 'after':
        out += input.slice(match.index + match[0].length);
        break;
      case 'last':
        out += match.length > 1 ? (match[match.length - 1] ?? '') : match[0];
        break;
      case 'input':
        out += input;
        break;
    }
  }
  return out;
}
