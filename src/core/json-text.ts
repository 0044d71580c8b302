/**
 * Where a JSON text breaks, in words an editor can find: for the CLI's configuration and
 * `hrsync expr` input, and the emulators' --data files alike.
 */

const UNEXPECTED = /^Unexpected token '(.+?)', /s;

/**
 * Texts up to this size have an unexpected token placed by parsing prefixes (a few dozen parses); a
 * larger one (a generated dataset) keeps JSON.parse's own words.
 */
const SEARCH_LIMIT = 10 * 1024 * 1024;

/**
 * JSON.parse's `message` about `text`, said with the line and column where it breaks. Node 20 gives
 * an offset ("at position 4661", which nobody finds in an editor) for most mistakes, none at the end of
 * the text, and none for an unexpected token — the commonest hand-edit slip (a `}` where a `]` closes),
 * quoting the text around it across lines instead. That token is found by parsing prefixes: one that
 * stops before it fails some other way (it ends early), one that holds it fails on it.
 */
export function jsonErrorWhere(text: string, message: string): string {
  if (message.startsWith('Unexpected end of JSON input')) {
    return `The text ends before the JSON is complete, at ${lineAndColumn(text, text.length)}`;
  }
  const token = UNEXPECTED.exec(message);
  if (token !== null && text.length <= SEARCH_LIMIT) {
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
  const at = / at position (\d+)/.exec(message);
  if (!at || /\bline \d+/.test(message)) return message;
  return message.replace(at[0], ` at ${lineAndColumn(text, Number(at[1]))}`);
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
