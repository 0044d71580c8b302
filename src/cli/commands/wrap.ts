/**
 * Text for an 80-column terminal: a line too long is broken between words, its continuation
 * indented two more than the line itself, so each item (an init problem, a failed person) stands
 * apart. A word longer than the width (a URL, a path) is kept whole rather than cut.
 */

export const TERMINAL_WIDTH = 80;

/** Characters as the terminal shows them: "Ë" is one, whether composed or not. */
const width = (text: string): number => [...text.normalize('NFC')].length;

/**
 * `text` as lines of at most `columns`; a line break already in it is kept. `hanging` sets where
 * continuations start instead (a `label:  value` line continues under its value).
 */
export function wrapLines(text: string, columns = TERMINAL_WIDTH, hanging?: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, columns, hanging));
}

function wrapLine(text: string, columns: number, hanging: number | undefined): string[] {
  if (width(text) <= columns) return [text];
  const indent = /^ */.exec(text)?.[0] ?? '';
  const continuation = hanging === undefined ? `${indent}  ` : ' '.repeat(hanging);
  const lines: string[] = [];
  let line = indent;
  for (const word of text.slice(indent.length).split(' ')) {
    const start = lines.length === 0 ? indent : continuation;
    if (line !== start && width(line) + 1 + width(word) > columns) {
      lines.push(line);
      line = continuation + word;
    } else line = line === start ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}
