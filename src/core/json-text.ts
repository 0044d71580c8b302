/**
 * Where a JSON text breaks, in words an editor can find: for the CLI's configuration and
 * `hrsync expr` input, and the emulators' --data files alike.
 */

/**
 * Node 20's JSON.parse says where a text breaks as a character offset ("at position 4661"), which
 * nobody can find in an editor: say the line and column instead (newer Node versions add them).
 */
export function jsonErrorWhere(text: string, message: string): string {
  const at = / at position (\d+)/.exec(message);
  if (!at || /\bline \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return message.replace(at[0], ` at line ${line}, column ${column}`);
}
