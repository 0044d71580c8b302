// Control characters other than tab and newline (C0, DEL and C1: ESC and CSI start terminal sequences,
// a carriage return overwrites the line). Names come from operators and from AFAS, and a terminal
// must show them, not obey them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The text with each control character as a visible escape (`\u001b`), for a terminal. */
export const terminalSafe = (text: string): string =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
