import { BoundedCache } from './bounded-cache.ts';

export interface CompiledRegex {
  readonly regex: RegExp;
  /** Group names in the pattern. */
  readonly names: ReadonlySet<string>;
  /** .NET group number → JavaScript group number (.NET numbers named groups after unnamed ones). */
  readonly numbers: ReadonlyMap<number, number>;
}

const cache = new BoundedCache<string, CompiledRegex | string>(256);

/**
 * Compiles a .NET regular expression for JavaScript, once per pattern. Handles what Entra mappings
 * use: named groups `(?<n>…)` and `(?'n'…)`, leading inline options `(?i)` / `(?m)` / `(?s)`, and
 * `\A` / `\z` / `\Z` anchors. Returns a message (a predicate: "is not a valid …") when JavaScript
 * cannot compile the pattern.
 */
export function compileDotnetRegex(pattern: string, withIndices: boolean): CompiledRegex | string {
  const key = `${withIndices ? 'd' : '-'}${pattern}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = build(pattern, withIndices);
    cache.set(key, compiled);
  }
  return compiled;
}

function build(pattern: string, withIndices: boolean): CompiledRegex | string {
  let source = pattern;
  let flags = withIndices ? 'gd' : 'g';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null) {
    if (inline[1]!.includes('x')) return 'uses the (?x) option, which is not supported';
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (!flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?'([A-Za-z_][A-Za-z0-9_]*)'/g, '(?<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\[zZ]/g, '$1$');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (e) {
    return `is not a valid regular expression (${(e as Error).message})`;
  }
  return { regex, ...groupNumbering(source) };
}

/** Walks the pattern's opening parentheses to map .NET group numbers onto JavaScript's. */
function groupNumbering(source: string): Pick<CompiledRegex, 'names' | 'numbers'> {
  const groups: { named: boolean; name?: string }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      if (source[i + 1] !== '?') groups.push({ named: false });
      else {
        const named = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i));
        if (named !== null) groups.push({ named: true, name: named[1]! });
      }
    }
  }
  const numbers = new Map<number, number>();
  let dotnet = 1;
  groups.forEach((g, js) => {
    if (!g.named) numbers.set(dotnet++, js + 1);
  });
  groups.forEach((g, js) => {
    if (g.named) numbers.set(dotnet++, js + 1);
  });
  return { names: new Set(groups.flatMap((g) => (g.name === undefined ? [] : [g.name]))), numbers };
}
