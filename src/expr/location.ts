/** 1-based line and column of an offset, for messages people read next to their expression. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

export function describeLocation(text: string, position: number): string {
  const { line, column } = lineAndColumn(text, position);
  return text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}
