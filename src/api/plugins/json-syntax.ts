/**
 * Where a text stops being JSON, for the message that refuses it. JSON.parse says where for most
 * mistakes but not all (V8's "Unexpected token 'x', "…" is not valid JSON" quotes the body instead of
 * giving a position), so after JSON.parse has refused a body this walks it once more, without
 * recursion (a body may nest a million brackets), and names the first character that cannot be JSON.
 */
import { lineAndColumn } from '../../expr/index.ts';

export interface JsonSyntaxError {
  /** Offset of the offending character (the text's length when the text ends early). */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What is wrong there, e.g. `expected ',' or '}'`. */
  readonly problem: string;
}

type Want = 'value' | 'value-or-]' | 'key' | 'key-or-}' | 'colon' | 'after';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The end of the string starting at `start` (a `"`), or the offset and problem that break it. */
function scanString(text: string, start: number): number | { at: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { at: i, problem: 'a control character (such as a line break) inside a string' };
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6)))
          return { at: i, problem: 'a \\u escape without 4 hex digits' };
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return { at: i, problem: 'an invalid escape in a string' };
    }
  }
  return { at: text.length, problem: 'a string that is not closed' };
}

function shown(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first syntax error in `text`, or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let want: Want = 'value';
  let i = 0;
  const fail = (at: number, problem: string): JsonSyntaxError => ({
    offset: at,
    ...lineAndColumn(text, at),
    problem,
  });
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
    if (i >= text.length) {
      return want === 'after' && stack.length === 0
        ? null
        : fail(i, 'it ends before the JSON value is complete');
    }
    const c = text[i] as string;
    if (want === 'colon') {
      if (c !== ':') return fail(i, `expected ':' after the property name, found ${shown(c)}`);
      i++;
      want = 'value';
    } else if (want === 'key' || want === 'key-or-}') {
      if (want === 'key-or-}' && c === '}') {
        stack.pop();
        i++;
        want = 'after';
        continue;
      }
      if (c !== '"') return fail(i, `expected a property name in double quotes, found ${shown(c)}`);
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.at, `found ${end.problem}`);
      i = end;
      want = 'colon';
    } else if (want === 'after') {
      const top = stack.at(-1);
      if (top === undefined) return fail(i, `found ${shown(c)} after the end of the JSON value`);
      const close = top === '{' ? '}' : ']';
      if (c === ',') want = top === '{' ? 'key' : 'value';
      else if (c === close) stack.pop();
      else return fail(i, `expected ',' or '${close}', found ${shown(c)}`);
      i++;
    } else {
      if (want === 'value-or-]' && c === ']') {
        stack.pop();
        i++;
        want = 'after';
        continue;
      }
      want = 'after';
      if (c === '{' || c === '[') {
        stack.push(c);
        want = c === '{' ? 'key-or-}' : 'value-or-]';
        i++;
      } else if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.at, `found ${end.problem}`);
        i = end;
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(i, `expected a value, found ${shown(c)}`);
        i = NUMBER.lastIndex;
      }
    }
  }
}
