/** "12 s ago", "3 min ago", "2 h ago": how long since an agent was heard from, at a glance. */
const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto', style: 'short' });

export function timeAgo(iso: string | null, now: number, never = 'Never'): string {
  if (!iso) return never;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return 'just now';
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}
