/**
 * Where a JSON file the user wrote breaks, by line and column. Node 20's JSON.parse gives an offset for
 * most mistakes (jsonErrorWhere turns it into a line and column), but none for an unexpected token, the
 * commonest hand-edit slip (a `}` where a `]` closes): "Unexpected token '}', ..."ing": [⏎ }⏎" is not
 * valid JSON", quoting the text around it across lines. That token is found here by parsing prefixes:
 * a prefix that stops before it fails some other way (it ends early), one that holds it fails on it.
 */
import { jsonErrorWhere } from '../../core/json-text.ts';

const UNEXPECTED = /^Unexpected token '(.+?)', /s;

/** JSON.parse's `message` about `text`, said with the line and column where it breaks. */
export function jsonProblem(text: string, message: string): string {
  if (message.startsWith('Unexpected end of JSON input')) {
    return `The text ends before the JSON is complete, at ${lineAndColumn(text, text.length)}`;
  }
  const token = UNEXPECTED.exec(message);
  if (token === null) return jsonErrorWhere(text, message);
  // The shortest prefix that fails on the token: (lo, hi] holds its length.
  let lo = 0;
  let hi = text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (failsOnToken(text.slice(0, mid))) hi = mid;
    else lo = mid;
  }
  return `Unexpected ${JSON.stringify(token[1])} in JSON at ${lineAndColumn(text, hi - 1)}`;
}

function failsOnToken(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (e) {
    return UNEXPECTED.test((e as Error).message);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}
