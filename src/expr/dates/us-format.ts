/**
 * `M/d/yyyy h:mm:ss tt` in UTC: the one format Entra's CDate, DateAdd, DateFromNum and Now return,
 * written out directly because it is on the hot path of date mappings.
 */
export function formatUsDateTime(instantMs: number): string {
  const d = new Date(instantMs);
  const hours = d.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  const seconds = String(d.getUTCSeconds()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${year} ${hour12}:${minutes}:${seconds} ${hours < 12 ? 'AM' : 'PM'}`;
}
